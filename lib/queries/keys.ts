import type { UsersQuery } from "@/lib/directory/types";

/**
 * Query key factories, one per resource. Invalidate with the broadest key that covers
 * what a change touched (`usersKeys.all` after a sync, say).
 */
export const usersKeys = {
  all: ["users"] as const,
  lists: () => [...usersKeys.all, "list"] as const,
  list: (query: UsersQuery) => [...usersKeys.lists(), query] as const,
};

export const connectionsKeys = {
  all: ["connections"] as const,
  list: () => [...connectionsKeys.all, "list"] as const,
};
