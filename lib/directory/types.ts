import type { ProviderMode } from "../providers/descriptor";
import { z } from "zod";
import type { ReadReportData } from "../providers/read-report";
import { PROVIDER_IDS, type MemberKind, type MemberStatus, type ProviderId, type ScopedRole } from "../providers/types";
import { GRANT_VIAS, MEMBER_KINDS, MEMBER_STATUSES, SORT_FIELDS, SORT_ORDERS, USERS_QUERY_LIMITS as L } from "./constants";

/**
 * The users directory as the API answers it (`GET /api/users`). Shared by the route
 * handler, the server-side query code and the browser.
 */

export interface Membership {
  provider: ProviderId;
  id: string;
  role: string;
  status: MemberStatus;
  kind: MemberKind;
  addedAt: string | null;
  managed: boolean;
  /**
   * Astronomer workspace roles, for display (`via` a team; `unreadable`: the role could not be read, and why),
   * OpenAI project roles (`scope: "project"`), and organization roles granted through a team
   * (`scope: "organization"`); absent means a workspace.
   */
  scopedRoles?: Array<{
    scope?: "organization" | "project";
    scopeId: string;
    scopeName: string;
    role: string;
    via?: ScopedRole["via"];
    unreadable?: string;
  }>;
  /** Set when Roster could not read this membership's role (`role` is empty): why. */
  roleUnknown?: string;
  /** Last activity the provider reports (ISO); null: never active; absent: the provider does not tell. */
  lastActiveAt?: string | null;
}

export interface Person {
  /** Normalised email (trimmed, lower-cased); for members without email, `<provider>:<id>`. */
  key: string;
  email: string | null;
  name: string;
  memberships: Membership[];
}

/**
 * `ok`: read in full. `degraded`: listed, but parts named in the read report's `missing`
 * could not be read. `failed`: the last read failed (`error`); the last good snapshot,
 * if any, is what is shown.
 */
export type ProviderHealth = "ok" | "degraded" | "failed";

export interface ProviderState {
  id: ProviderId;
  label: string;
  mode: ProviderMode;
  /** Not failed (`state` is ok or degraded): the provider's members are listed from its last read. */
  ok: boolean;
  state: ProviderHealth;
  /** What the snapshot's read noted: deviations from the provider's spec Roster coped with, parts it could not read. */
  report: ReadReportData;
  /** ISO time of the snapshot in use; null before the first successful sync. */
  fetchedAt: string | null;
  /** Members (incl. pending invites) in the snapshot. */
  count: number;
  syncing: boolean;
  progress?: { fetched: number; total: number | null };
  error?: { status: number | null; message: string };
}

export interface Facets {
  roles: Array<{ provider: ProviderId; role: string; count: number }>;
  /** Memberships holding a role in each project (OpenAI) or workspace; `key` is the `workspace` filter's value. */
  workspaces: Array<{ provider: ProviderId; key: string; id: string; name: string; kind: "project" | "workspace"; count: number }>;
  /** Memberships holding at least one grant through a group, or through a team (the `via` filter's values). */
  via: Array<{ via: (typeof GRANT_VIAS)[number]; count: number }>;
  /** People inactive for at least each of INACTIVE_DAYS_OPTIONS days (never-active people included); unknown: no provider tells. */
  activity: { inactive: Array<{ days: number; count: number }>; never: number; unknown: number };
}

export interface UsersResponse {
  people: Person[];
  total: number;
  page: number;
  pageSize: number;
  providers: ProviderState[];
  facets: Facets;
}

export { SORT_FIELDS, type SortField } from "./constants";

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => {
    if (value === undefined || value === null || value === "") return undefined;
    const list = Array.isArray(value) ? value : [value];
    return list
      .flatMap((v) => String(v).split(","))
      .map((v) => v.trim())
      .filter(Boolean);
  }, z.array(item).optional());

/** Query of `GET /api/users`; the users page keeps the same keys in its URL. */
export const usersQuerySchema = z.object({
  q: z.string().trim().max(L.q, `q must be at most ${L.q} characters`).optional().default(""),
  provider: csv(z.enum(PROVIDER_IDS, { error: (i) => `provider must be one of ${PROVIDER_IDS.join(", ")} (got "${String(i.input)}")` })),
  role: csv(z.string().max(L.role)),
  status: csv(z.enum(MEMBER_STATUSES, { error: (i) => `status must be active or invited (got "${String(i.input)}")` })),
  /** `<provider>:<id>` of a project (OpenAI) or workspace (Astronomer): people holding a role there. */
  workspace: csv(z.string().max(L.workspace, `workspace must be at most ${L.workspace} characters`)),
  /** `group` or `team`: people holding access through a group or team membership. */
  via: csv(z.enum(GRANT_VIAS, { error: (i) => `via must be group or team (got "${String(i.input)}")` })),
  kind: csv(z.enum(MEMBER_KINDS, { error: (i) => `kind must be person or service_account (got "${String(i.input)}")` })),
  inactiveDays: z.coerce
    .number({ error: "inactiveDays must be a number of days" })
    .int("inactiveDays must be a whole number of days")
    .min(1, "inactiveDays must be 1 or more")
    .max(L.inactiveDays, `inactiveDays must be at most ${L.inactiveDays}`)
    .optional(),
  sort: z
    .enum(SORT_FIELDS, { error: () => `sort must be one of ${SORT_FIELDS.join(", ")}` })
    .optional()
    .default("name"),
  order: z
    .enum(SORT_ORDERS, { error: () => "order must be asc or desc" })
    .optional()
    .default("asc"),
  page: z.coerce
    .number({ error: "page must be a number" })
    .int("page must be a whole number")
    .min(1, "page must be 1 or more")
    .max(L.page)
    .optional()
    .default(1),
  pageSize: z.coerce
    .number({ error: "pageSize must be a number" })
    .int("pageSize must be a whole number")
    .min(1, "pageSize must be at least 1")
    .max(L.pageSize, `pageSize must be at most ${L.pageSize}`)
    .optional()
    .default(L.defaultPageSize),
});

export type UsersQuery = z.infer<typeof usersQuerySchema>;

/** `POST /api/sync`: one provider, or (none named) every provider. */
export const syncBodySchema = z
  .object({
    provider: z.enum(PROVIDER_IDS, { error: () => `provider must be one of ${PROVIDER_IDS.join(", ")}` }).optional(),
  })
  .strict();

export interface ConnectionInfo {
  id: ProviderId;
  label: string;
  mode: ProviderMode;
  /** Host Roster talks to (never a key). */
  host: string | null;
  /** What is missing when unconfigured. */
  missing?: string;
  identity: { id: string; name: string; email: string | null; organization: string | null } | null;
  identityError?: { status: number | null; message: string };
  lastSyncAt: string | null;
  lastErrorAt: string | null;
  lastError: { status: number | null; message: string } | null;
  members: number;
  state: ProviderHealth;
  /** What the last stored read noted (see ProviderState.report). */
  report: ReadReportData;
  capabilities: { listInvites: boolean; revokeInvite: boolean; workspaceRoles: boolean; serviceAccounts: boolean };
}

export interface ConnectionsResponse {
  connections: ConnectionInfo[];
}
