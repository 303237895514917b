import type { ProviderId } from "../providers/types";

/** Roster's own roles, lowest first. Enforced on the server; the UI only mirrors them. */
export const ROSTER_ROLES = ["viewer", "requester", "admin", "owner"] as const;
export type RosterRole = (typeof ROSTER_ROLES)[number];

export function roleRank(role: RosterRole): number {
  return ROSTER_ROLES.indexOf(role);
}

export function hasRole(role: RosterRole, needed: RosterRole): boolean {
  return roleRank(role) >= roleRank(needed);
}

export function isRosterRole(value: unknown): value is RosterRole {
  return typeof value === "string" && (ROSTER_ROLES as readonly string[]).includes(value);
}

export const ROLE_LABEL: Record<RosterRole, string> = {
  viewer: "Viewer",
  requester: "Requester",
  admin: "Admin",
  owner: "Owner",
};

export interface Operator {
  id: string;
  email: string;
  name: string;
  role: RosterRole;
  /** An owner chose their password: nothing but choosing their own is allowed until they do. */
  mustChangePassword?: boolean;
  /**
   * Set when an API token makes the request (lib/tokens): `id` is then the token's, `email`
   * and `name` read `token:<name>`, and `providers` limits what it may act on (null: all).
   */
  token?: { id: string; name: string; providers: readonly ProviderId[] | null };
}
