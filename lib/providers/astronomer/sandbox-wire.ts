import type { WireInvite, WireSelf, WireSubject, WireUser, WireUserRole, WireWorkspace } from "./schemas";
import {
  type AstroSandboxState,
  ORGANIZATION_NAME,
  ORGANIZATION_SHORT_NAME,
  type SandboxUser,
  type SandboxWorkspace,
} from "./sandbox-state";

/** Sandbox state → Astro v1alpha1 wire bodies (only fields the docs define). */

function subject(user: SandboxUser): WireSubject {
  return { id: user.id, fullName: user.fullName, username: user.username, avatarUrl: user.avatarUrl, subjectType: "USER" };
}

function basics(user: SandboxUser) {
  return {
    id: user.id,
    fullName: user.fullName,
    username: user.username,
    avatarUrl: user.avatarUrl,
    status: user.status,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export function wireInvite(state: AstroSandboxState, user: SandboxUser): WireInvite {
  const invite = user.invite!;
  const inviter = state.user(invite.inviterId) ?? state.self;
  return {
    inviteId: invite.inviteId,
    expiresAt: invite.expiresAt,
    invitee: subject(user),
    inviter: subject(inviter),
    organizationId: state.organizationId,
    organizationName: ORGANIZATION_NAME,
    organizationShortName: ORGANIZATION_SHORT_NAME,
    userId: user.id,
  };
}

/** A user as the org users endpoints show it (`orgRole` and the IdP flag). */
export function wireOrgUser(state: AstroSandboxState, user: SandboxUser): WireUser {
  return {
    ...basics(user),
    orgRole: user.orgRole,
    orgUserRelationIsIdpManaged: user.idpManaged,
    ...(user.lastLogin ? { lastLogin: user.lastLogin } : {}),
    ...(user.invite ? { invites: [wireInvite(state, user)] } : {}),
  };
}

/** A user as the workspace users endpoint shows it (`workspaceRole`). */
export function wireWorkspaceUser(user: SandboxUser, role: string): WireUser {
  return { ...basics(user), workspaceRole: role };
}

export function wireSelf(state: AstroSandboxState): WireSelf {
  // Still the token's user after leaving the organization, with its last org role.
  const self = state.user(state.self.id) ?? state.self;
  return {
    ...basics(self),
    organizationId: state.organizationId,
    roles: [wireUserRole(self.id, state.organizationId, "ORGANIZATION", self.orgRole)],
  };
}

export function wireUserRole(userId: string, entityId: string, type: "ORGANIZATION" | "WORKSPACE", role: string): WireUserRole {
  return { role, scope: { entityId, type }, subject: { entityId: userId, type: "USER" } };
}

export function wireWorkspace(state: AstroSandboxState, ws: SandboxWorkspace): WireWorkspace {
  const creator = subject(state.self);
  return {
    id: ws.id,
    name: ws.name,
    description: ws.description,
    organizationId: state.organizationId,
    organizationName: ORGANIZATION_NAME,
    organizationShortName: ORGANIZATION_SHORT_NAME,
    apiKeyOnlyDeploymentsDefault: false,
    createdAt: ws.createdAt,
    updatedAt: ws.updatedAt,
    createdBy: creator,
    updatedBy: creator,
    userCount: ws.members.size,
    deploymentCount: 0,
  };
}
