import { type AstroSandboxState, ORGANIZATION_NAME, type SandboxTeam, type SandboxUser, type SandboxWorkspace } from "./sandbox-state";

/** Sandbox state → Astro v1 wire bodies (only fields the v1 spec defines). */

function subject(user: SandboxUser) {
  return { id: user.id, fullName: user.fullName, username: user.username, avatarUrl: user.avatarUrl, subjectType: "USER" };
}

/** A user with their organization role and direct workspace roles (team grants are the team's). */
export function wireUserV1(state: AstroSandboxState, user: SandboxUser) {
  return {
    id: user.id,
    fullName: user.fullName,
    username: user.username,
    avatarUrl: user.avatarUrl,
    status: user.status,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    organizationRole: user.orgRole,
    workspaceRoles: state.workspaceRolesOf(user),
  };
}

export function wireSelfV1(state: AstroSandboxState) {
  const self = state.user(state.self.id) ?? state.self;
  return {
    id: self.id,
    fullName: self.fullName,
    username: self.username,
    avatarUrl: self.avatarUrl,
    status: self.status,
    createdAt: self.createdAt,
    updatedAt: self.updatedAt,
    organizationId: state.organizationId,
    roles: [{ role: self.orgRole, scope: { entityId: state.organizationId, type: "ORGANIZATION" } }],
  };
}

export function wireInviteV1(state: AstroSandboxState, user: SandboxUser) {
  const invite = user.invite!;
  return {
    inviteId: invite.inviteId,
    expiresAt: invite.expiresAt,
    invitee: subject(user),
    inviter: subject(state.user(invite.inviterId) ?? state.self),
    organizationId: state.organizationId,
    organizationName: ORGANIZATION_NAME,
    userId: user.id,
  };
}

export function wireWorkspaceV1(state: AstroSandboxState, ws: SandboxWorkspace) {
  return {
    id: ws.id,
    name: ws.name,
    description: ws.description,
    organizationId: state.organizationId,
    organizationName: ORGANIZATION_NAME,
    cicdEnforcedDefault: false,
    createdAt: ws.createdAt,
    updatedAt: ws.updatedAt,
    createdBy: subject(state.self),
    updatedBy: subject(state.self),
  };
}

const teamRoles = (team: SandboxTeam) => [...team.workspaceRoles].map(([workspaceId, role]) => ({ workspaceId, role }));

export function wireTeamV1(state: AstroSandboxState, team: SandboxTeam) {
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    organizationId: state.organizationId,
    organizationRole: team.orgRole,
    isIdpManaged: false,
    createdAt: team.createdAt,
    updatedAt: team.updatedAt,
    rolesCount: team.workspaceRoles.size + 1,
    workspaceRoles: teamRoles(team),
  };
}

/** UserTeamMembership: a team as one of its members sees it. */
export function wireUserTeamV1(team: SandboxTeam) {
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    organizationRole: team.orgRole,
    isIdpManaged: false,
    rolesCount: team.workspaceRoles.size + 1,
    workspaceRoles: teamRoles(team),
  };
}

export function wireTeamMemberV1(user: SandboxUser) {
  return { userId: user.id, username: user.username, fullName: user.fullName, avatarUrl: user.avatarUrl, createdAt: user.createdAt };
}
