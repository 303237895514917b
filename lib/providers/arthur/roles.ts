/**
 * Arthur roles are data (uuid ids, permission lists, inheritance through base roles),
 * so "owner" cannot be a fixed name. Roster calls a role an owner role when it lets
 * its holder grant and revoke organization roles: an organization where nobody holds
 * such a role can no longer be administered, which is what the last-owner rule
 * protects against. The sandbox applies the same test.
 */
export const OWNER_PERMISSIONS = ["organization_create_role_binding", "organization_role_binding_delete"] as const;

/** Names of the organization roles the sandbox serves (a live organization may have others). */
export const ARTHUR_ROLE_NAMES = {
  admin: "Organization Admin",
  member: "Organization Member",
  readOnly: "Organization Read Only",
} as const;

export interface RoleGrants {
  id: string;
  /** Absent when a role was read without them: it grants nothing Roster can see. */
  permissions?: readonly string[] | null;
  base_role_ids?: readonly string[] | null;
}

/** A role's own permissions plus everything inherited through its base roles. */
export function effectivePermissions(role: RoleGrants, byId: ReadonlyMap<string, RoleGrants>, seen: Set<string> = new Set()): Set<string> {
  const granted = new Set(role.permissions ?? []);
  seen.add(role.id);
  for (const baseId of role.base_role_ids ?? []) {
    const base = byId.get(baseId);
    if (!base || seen.has(baseId)) continue;
    for (const permission of effectivePermissions(base, byId, seen)) granted.add(permission);
  }
  return granted;
}

export function isArthurOwnerRole(role: RoleGrants, byId: ReadonlyMap<string, RoleGrants>): boolean {
  const granted = effectivePermissions(role, byId);
  return OWNER_PERMISSIONS.every((permission) => granted.has(permission));
}

/** Ids of every owner role among `roles` (inheritance resolved within the same list). */
export function ownerRoleIds(roles: readonly RoleGrants[]): Set<string> {
  const byId = new Map(roles.map((role) => [role.id, role]));
  return new Set(roles.filter((role) => isArthurOwnerRole(role, byId)).map((role) => role.id));
}

/**
 * Admin-level (two-person rule): a role that lets its holder give access or credentials
 * (grant or revoke role bindings, create users, service accounts or invites, add group
 * members, regenerate credentials) or delete the organization. A role read without its
 * permissions cannot be told apart, so it counts as admin-level: a second admin looks.
 */
export const ADMIN_PERMISSIONS = [
  ...OWNER_PERMISSIONS,
  "organization_create_user",
  "organization_invite_user",
  "organization_create_service_account",
  "user_regenerate_creds",
  "group_create_group_membership",
  "organization_delete",
] as const;

export function isArthurAdminLevelRole(role: RoleGrants, byId: ReadonlyMap<string, RoleGrants>): boolean {
  if (role.permissions == null) return true;
  const granted = effectivePermissions(role, byId);
  return ADMIN_PERMISSIONS.some((permission) => granted.has(permission));
}

/** Ids of every admin-level role among `roles`. */
export function adminLevelRoleIds(roles: readonly RoleGrants[]): Set<string> {
  const byId = new Map(roles.map((role) => [role.id, role]));
  return new Set(roles.filter((role) => isArthurAdminLevelRole(role, byId)).map((role) => role.id));
}
