/**
 * The users query's values and limits, shared by the API's schema (lib/directory/types.ts,
 * zod, on the server) and the page's URL reader (lib/queries/users.ts, in the browser,
 * which does without zod to keep it out of the page's script).
 */
export const SORT_FIELDS = ["name", "email", "addedAt", "providers"] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export const SORT_ORDERS = ["asc", "desc"] as const;
export const MEMBER_STATUSES = ["active", "invited"] as const;
export const MEMBER_KINDS = ["person", "service_account"] as const;
/** `via`: memberships holding a grant through a group (OpenAI, Arthur) or a team (Astronomer). */
export const GRANT_VIAS = ["group", "team"] as const;
export type GrantVia = (typeof GRANT_VIAS)[number];

export const USERS_QUERY_LIMITS = {
  q: 200,
  role: 100,
  /** `workspace`: one `<provider>:<id>` key. */
  workspace: 400,
  page: 100_000,
  pageSize: 200,
  defaultPageSize: 50,
  /** `inactiveDays`: up to ten years. */
  inactiveDays: 3650,
} as const;

/** The "inactive for N days" choices the users page offers (any whole N up to the limit is accepted). */
export const INACTIVE_DAYS_OPTIONS = [30, 90, 180] as const;
