import type { ReadReport } from "../read-report";
import type { Identity, Invite, Member, ScopedRole, Workspace } from "../types";
import { ORGANIZATION_ROLES, WORKSPACE_ROLES } from "./roles";
import type { WireInvite, WireUser } from "./schemas";
import { type Lenient, noteUnknown } from "./tolerant";

/**
 * Wire → domain mapping, shared by both API versions. Nothing here makes a request.
 * Items arrive as far as they could be read (Lenient): any field may be missing.
 */

type User = Lenient<WireUser>;
type WireInviteLike = Lenient<WireInvite>;

/** ISO-8601 in one format across providers; null when absent or unparseable. */
export function toIso(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** An invite whose `expiresAt` has passed is no longer pending (one without an expiry still is). */
export function isExpired(expiresAt: string | null | undefined, now: number): boolean {
  const time = expiresAt ? Date.parse(expiresAt) : Number.NaN;
  return !Number.isNaN(time) && time <= now;
}

/** The user's pending invites to this organization (`User.invites` lists all of the user's invites). */
export function pendingInvites(user: User, organizationId: string, now: number): WireInviteLike[] {
  return (user.invites ?? []).filter(
    (invite): invite is WireInviteLike =>
      !!invite?.inviteId && invite.organizationId === organizationId && !isExpired(invite.expiresAt, now),
  );
}

/**
 * The org role when the answer omits `orgRole` (the docs promise it only when listing
 * org users): the user's role binding scoped to this organization, if any.
 */
export function orgRoleOf(user: User, organizationId: string): string | null {
  if (user.orgRole) return user.orgRole;
  const binding = (user.roles ?? []).find((r) => r?.scope?.type?.toUpperCase() === "ORGANIZATION" && r.scope.entityId === organizationId);
  return binding?.role ?? null;
}

export interface MemberParts {
  id: string;
  email: string | null;
  name: string | null | undefined;
  role: string;
  invited: boolean;
  createdAt: string | null | undefined;
  managed: boolean;
  scopedRoles?: ScopedRole[];
  /** v1alpha1's `lastLogin` (absent: never, when the list tells anyone's; see withoutUntoldActivity). */
  lastLogin?: string | null;
}

/** The roles Roster knows on one API version; any other is kept verbatim and noted. */
export interface RoleCatalogue {
  organization: readonly string[];
  workspace: readonly string[];
}

const V1ALPHA1_CATALOGUE: RoleCatalogue = { organization: ORGANIZATION_ROLES, workspace: WORKSPACE_ROLES };

export function toMember(parts: MemberParts, report?: ReadReport, catalogue = V1ALPHA1_CATALOGUE): Member {
  noteUnknown(report, "user.role", parts.role, catalogue.organization);
  for (const scoped of parts.scopedRoles ?? []) {
    if (scoped.unreadable) continue;
    if (scoped.scope === "organization") noteUnknown(report, "team.organizationRole", scoped.role, catalogue.organization);
    else noteUnknown(report, "user.workspaceRole", scoped.role, catalogue.workspace);
  }
  return {
    provider: "astronomer",
    id: parts.id,
    email: parts.email,
    // A person without a name is shown by their email, not as a blank.
    name: parts.name?.trim() || parts.email || parts.id,
    role: parts.role,
    roleId: parts.role,
    status: parts.invited ? "invited" : "active",
    // Astro lists only people here: API tokens are not users.
    kind: "person",
    addedAt: toIso(parts.createdAt),
    managed: parts.managed,
    scopedRoles: parts.scopedRoles ?? [],
    ...(parts.lastLogin !== undefined ? { lastActiveAt: parts.lastLogin === null ? null : toIso(parts.lastLogin) } : {}),
  };
}

/**
 * Astro shows `lastLogin` only to an admin listing users, and leaves it out for someone who
 * never logged in: a list where nobody has one was read without it (unknown, not "never").
 */
export function withoutUntoldActivity(members: Member[]): Member[] {
  if (members.some((m) => m.lastActiveAt)) return members;
  return members.map(({ lastActiveAt: _untold, ...member }) => member);
}

/** A v1alpha1 user: invited while it has a pending invite, or while Astro says PENDING without any invite (expired ones aside). */
export function userParts(
  user: User & { id: string },
  organizationId: string,
  role: string,
  now: number,
  scopedRoles?: ScopedRole[],
): MemberParts {
  return {
    id: user.id,
    email: user.username ?? null,
    name: user.fullName,
    role,
    invited: pendingInvites(user, organizationId, now).length > 0 || user.status?.toUpperCase() === "PENDING",
    createdAt: user.createdAt,
    managed: user.orgUserRelationIsIdpManaged === true,
    scopedRoles,
    // Invitations have not logged in yet: their activity is not a "never".
    lastLogin: user.status?.toUpperCase() === "PENDING" ? undefined : (user.lastLogin ?? null),
  };
}

/** A user Astro keeps only for invites that have all expired: neither a member nor invited. */
export function onlyExpiredInvites(user: User, organizationId: string, now: number): boolean {
  const mine = (user.invites ?? []).filter((i) => i?.organizationId === organizationId);
  return user.status?.toUpperCase() === "PENDING" && mine.length > 0 && pendingInvites(user, organizationId, now).length === 0;
}

/** `role` is the org role the invitee will get: Astro's Invite itself does not carry it. */
export function toInvite(
  invite: { inviteId: string; expiresAt?: string | null; invitee?: { username?: string | null } | null },
  role: string,
  fallbackEmail: string,
): Invite {
  return {
    provider: "astronomer",
    id: invite.inviteId,
    email: invite.invitee?.username ?? fallbackEmail,
    role,
    // The Invite model has no creation time.
    createdAt: null,
    expiresAt: toIso(invite.expiresAt),
  };
}

export function toWorkspace(workspace: { id: string; name?: string | null }): Workspace {
  return { id: workspace.id, name: workspace.name?.trim() || workspace.id };
}

export function toScopedRole(workspace: Workspace, role: string, via?: ScopedRole["via"]): ScopedRole {
  return { scope: "workspace", scopeId: workspace.id, scopeName: workspace.name, role, ...(via ? { via } : {}) };
}

/** An organization role held through a team (`scopeId` is `organization`: there is one organization). */
export function toOrganizationGrant(role: string, via: NonNullable<ScopedRole["via"]>): ScopedRole {
  return { scope: "organization", scopeId: "organization", scopeName: "Organization", role, via };
}

/** The role is unknown because the part that says it could not be read. */
export function unreadableRole(workspace: Workspace, reason: string): ScopedRole {
  return { scope: "workspace", scopeId: workspace.id, scopeName: workspace.name, role: "unknown", unreadable: reason };
}

export function toIdentity(self: { id?: unknown; fullName?: unknown; username?: unknown }, organizationId: string): Identity {
  const email = typeof self.username === "string" ? self.username : null;
  return {
    id: String(self.id ?? ""),
    name: (typeof self.fullName === "string" && self.fullName) || email || "",
    email,
    // The organization Roster manages, not the user's default one (`self.organizationId`).
    organization: organizationId,
  };
}
