import type { Role } from "../types";

/**
 * Astro roles. v1alpha1 declares no enum and has no roles endpoint; these names come
 * from the v1 spec's enums (see specs/CONTRACTS.md §2), limited to the ones Roster offers.
 */
export const ROLE = {
  orgOwner: "ORGANIZATION_OWNER",
  orgBillingAdmin: "ORGANIZATION_BILLING_ADMIN",
  orgMember: "ORGANIZATION_MEMBER",
  workspaceOwner: "WORKSPACE_OWNER",
  workspaceOperator: "WORKSPACE_OPERATOR",
  workspaceAuthor: "WORKSPACE_AUTHOR",
  workspaceMember: "WORKSPACE_MEMBER",
  /** Only in the v1 API's enums. */
  orgObserveAdmin: "ORGANIZATION_OBSERVE_ADMIN",
  orgObserveMember: "ORGANIZATION_OBSERVE_MEMBER",
  workspaceAccessor: "WORKSPACE_ACCESSOR",
} as const;

export const ORGANIZATION_ROLES: readonly string[] = [ROLE.orgOwner, ROLE.orgBillingAdmin, ROLE.orgMember];
export const WORKSPACE_ROLES: readonly string[] = [ROLE.workspaceOwner, ROLE.workspaceOperator, ROLE.workspaceAuthor, ROLE.workspaceMember];

/** Only the organization owner role counts for the last-owner rule (a workspace owner is not an org owner). */
export function isOwnerRole(role: string | null | undefined): boolean {
  return role === ROLE.orgOwner;
}

/**
 * Admin-level (two-person rule): roles that administer the organization, its billing or
 * Observe, or a workspace and its members. Granting one needs a second admin's approval.
 */
const ADMIN_LEVEL_ROLES: ReadonlySet<string> = new Set([ROLE.orgOwner, ROLE.orgBillingAdmin, ROLE.orgObserveAdmin, ROLE.workspaceOwner]);

export function isAdminLevelRole(role: string): boolean {
  return ADMIN_LEVEL_ROLES.has(role);
}

const DESCRIPTIONS: Record<string, string> = {
  [ROLE.orgOwner]: "Full control of the organization, its members and billing",
  [ROLE.orgBillingAdmin]: "Organization member who also manages billing",
  [ROLE.orgMember]: "Member of the organization; access comes from workspace roles",
  [ROLE.workspaceOwner]: "Full control of the workspace and its members",
  [ROLE.workspaceOperator]: "Manages deployments and runs in the workspace",
  [ROLE.workspaceAuthor]: "Deploys code to the workspace's deployments",
  [ROLE.workspaceMember]: "Reads the workspace and its deployments",
  [ROLE.orgObserveAdmin]: "Organization member who administers Astro Observe",
  [ROLE.orgObserveMember]: "Organization member who uses Astro Observe",
  [ROLE.workspaceAccessor]: "Sees that the workspace exists, without access to its deployments",
};

function toRole(name: string, scope: Role["scope"]): Role {
  return { id: name, name, scope, description: DESCRIPTIONS[name], isOwner: isOwnerRole(name), adminLevel: isAdminLevelRole(name) };
}

export const ASTRONOMER_ROLES: readonly Role[] = [
  ...ORGANIZATION_ROLES.map((name) => toRole(name, "organization")),
  ...WORKSPACE_ROLES.map((name) => toRole(name, "workspace")),
];

/** v1's enums add Observe organization roles and the workspace accessor role. */
export const V1_ONLY_ORGANIZATION_ROLES: readonly string[] = [ROLE.orgObserveAdmin, ROLE.orgObserveMember];
export const V1_ONLY_WORKSPACE_ROLES: readonly string[] = [ROLE.workspaceAccessor];

export const ASTRONOMER_V1_ROLES: readonly Role[] = [
  ...[...ORGANIZATION_ROLES, ...V1_ONLY_ORGANIZATION_ROLES].map((name) => toRole(name, "organization")),
  ...[...WORKSPACE_ROLES, ...V1_ONLY_WORKSPACE_ROLES].map((name) => toRole(name, "workspace")),
];
