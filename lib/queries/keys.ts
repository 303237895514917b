import { normaliseEmail } from "@/lib/email";
import type { UsersQuery } from "@/lib/directory/types";
import type { AuditFilters } from "./audit-filters";

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

/** One person (every membership, read fresh), keyed by normalised email. */
export const peopleKeys = {
  all: ["people"] as const,
  details: () => [...peopleKeys.all, "detail"] as const,
  detail: (email: string) => [...peopleKeys.details(), normaliseEmail(email)] as const,
};

/** Each provider's native roles (and Astronomer's workspaces). */
export const rolesKeys = {
  all: ["roles"] as const,
  list: () => [...rolesKeys.all, "list"] as const,
};

export const auditKeys = {
  all: ["audit"] as const,
  lists: () => [...auditKeys.all, "list"] as const,
  list: (filters: AuditFilters) => [...auditKeys.lists(), filters] as const,
};

/** Invite requests (the approval queue) and every pending invite on every provider. */
export const invitesKeys = {
  all: ["invites"] as const,
  requests: () => [...invitesKeys.all, "requests"] as const,
  requestList: (filters: { status?: string; mine: boolean }) => [...invitesKeys.requests(), "list", filters] as const,
  request: (id: string) => [...invitesKeys.requests(), "detail", id] as const,
  pending: () => [...invitesKeys.all, "pending"] as const,
  /** What the invite dialog would skip: existing members and invites of these emails. */
  existing: (emails: readonly string[]) => [...invitesKeys.all, "existing", emails] as const,
};

export const jobsKeys = {
  all: ["jobs"] as const,
  list: () => [...jobsKeys.all, "list"] as const,
  bulkRun: (id: string) => [...jobsKeys.all, "bulk", id] as const,
};
