import type { Identity, Invite, Member, ScopedRole, Workspace } from "../types";
import type { WireInvite, WireSelf, WireUser, WireWorkspace } from "./schemas";

/** Wire → domain mapping. Nothing here makes a request. */

/** ISO-8601 in one format across providers; null when absent or unparseable. */
export function toIso(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** The user's pending invites to this organization (`User.invites` lists all of the user's invites). */
export function pendingInvites(user: WireUser, organizationId: string): WireInvite[] {
  return (user.invites ?? []).filter((invite) => invite.organizationId === organizationId);
}

/**
 * The org role when the answer omits `orgRole` (the docs promise it only when listing
 * org users): the user's role binding scoped to this organization, if any.
 */
export function orgRoleOf(user: WireUser, organizationId: string): string | null {
  if (user.orgRole) return user.orgRole;
  const binding = (user.roles ?? []).find(
    (r) => r.scope.type.toUpperCase() === "ORGANIZATION" && r.scope.entityId === organizationId,
  );
  return binding?.role ?? null;
}

/** Astro keeps an invited person as a user of the org with a pending invite. */
function isInvited(user: WireUser, organizationId: string): boolean {
  return pendingInvites(user, organizationId).length > 0 || user.status.toUpperCase() === "PENDING";
}

export function toMember(user: WireUser, organizationId: string, role: string, scopedRoles: ScopedRole[] = []): Member {
  return {
    provider: "astronomer",
    id: user.id,
    email: user.username,
    name: user.fullName,
    role,
    roleId: role,
    status: isInvited(user, organizationId) ? "invited" : "active",
    // v1alpha1 lists only people: API tokens are not users.
    kind: "person",
    addedAt: toIso(user.createdAt),
    managed: user.orgUserRelationIsIdpManaged === true,
    scopedRoles,
  };
}

/** `role` is the org role the invitee will get: Astro's Invite itself does not carry it. */
export function toInvite(invite: WireInvite, role: string, fallbackEmail: string): Invite {
  return {
    provider: "astronomer",
    id: invite.inviteId,
    email: invite.invitee.username ?? fallbackEmail,
    role,
    // The Invite model has no creation time.
    createdAt: null,
    expiresAt: toIso(invite.expiresAt),
  };
}

export function toWorkspace(workspace: WireWorkspace): Workspace {
  return { id: workspace.id, name: workspace.name };
}

export function toScopedRole(workspace: Workspace, role: string): ScopedRole {
  return { scope: "workspace", scopeId: workspace.id, scopeName: workspace.name, role };
}

export function toIdentity(self: WireSelf, organizationId: string): Identity {
  return {
    id: self.id,
    name: self.fullName,
    email: self.username,
    // The organization Roster manages, not the user's default one (`self.organizationId`).
    organization: organizationId,
  };
}
