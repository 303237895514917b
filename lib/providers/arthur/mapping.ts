import { type ItemSpec, isoTimeLenient, type Tolerated } from "../tolerant";
import type { Identity, Member, MemberKind, Role } from "../types";
import { roleBindingSchema, roleSchema, userSchema, type WireRole, type WireRoleBinding, type WireUser, workspaceSchema } from "./schemas";

/** Role shown for a member with no organization role binding of their own (e.g. roles only through a group). */
export const NO_ORGANIZATION_ROLE = "";

const times = { created_at: isoTimeLenient, updated_at: isoTimeLenient };

/** How each Arthur record is read liberally (lib/providers/tolerant.ts). */
export const USER_ITEM: ItemSpec<typeof userSchema> = { item: "user", schema: userSchema, lenient: times };
export const ROLE_ITEM: ItemSpec<typeof roleSchema> = { item: "role", schema: roleSchema, lenient: times };
export const BINDING_ITEM: ItemSpec<typeof roleBindingSchema> = { item: "role_binding", schema: roleBindingSchema, lenient: times };
export const WORKSPACE_ITEM: ItemSpec<typeof workspaceSchema> = { item: "workspace", schema: workspaceSchema, lenient: times };

export type ReadUser = Tolerated<WireUser>;
export type ReadRole = Tolerated<WireRole>;
export type ReadBinding = Tolerated<WireRoleBinding>;

type NamedUser = Pick<ReadUser, "id" | "first_name" | "last_name" | "email">;

/** "First Last", else the email, else the id: invited users may have no name yet. */
export function displayName(user: NamedUser): string {
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ").trim();
  return name || user.email || user.id;
}

/** Data-plane users are machine identities too, so they count as service accounts; a type Roster does not know counts as a person. */
export function memberKind(userType: string | null | undefined): MemberKind {
  return userType === "service_account" || userType === "data_plane" ? "service_account" : "person";
}

/** A binding of a role to one user on the organization, with what Roster needs of it. */
export type UserOrgBinding = ReadBinding & { role: { id: string; name?: string | null }; bound_member: { id: string } };

export function isUserOrgBinding(binding: ReadBinding): binding is UserOrgBinding {
  return (
    binding.bound_member_kind === "user" &&
    binding.bound_resource_kind === "organization" &&
    typeof binding.role?.id === "string" &&
    typeof binding.bound_member?.id === "string"
  );
}

/** The binding that decides a member's shown role: an owner role first, then the oldest. */
export function primaryBinding(bindings: UserOrgBinding[], ownerRoles: ReadonlySet<string>): UserOrgBinding | undefined {
  const byAge = [...bindings].sort((a, b) => (a.created_at ?? "").localeCompare(b.created_at ?? ""));
  return byAge.find((binding) => ownerRoles.has(binding.role.id)) ?? byAge[0];
}

/** Organization role bindings of users, grouped by user id (group and other bindings are not a user's own role). */
export function bindingsByUser(bindings: ReadBinding[]): Map<string, UserOrgBinding[]> {
  const grouped = new Map<string, UserOrgBinding[]>();
  for (const binding of bindings) {
    if (!isUserOrgBinding(binding)) continue;
    const list = grouped.get(binding.bound_member.id);
    if (list) list.push(binding);
    else grouped.set(binding.bound_member.id, [binding]);
  }
  return grouped;
}

/** A member without its organization role: what Arthur's user endpoints return on their own. */
export type ArthurAccount = Omit<Member, "role" | "roleId" | "bindingId">;

/**
 * Arthur has no invite state on users and no SCIM flag: every listed account is
 * `active` and not `managed` (Roster's own ledger tracks what it invited).
 */
export function toAccount(user: ReadUser): ArthurAccount {
  return {
    provider: "arthur",
    id: user.id,
    email: user.email ?? null,
    name: displayName(user),
    status: "active",
    kind: memberKind(user.user_type),
    addedAt: user.created_at ?? null,
    managed: false,
  };
}

/** Why a member's role is not known, when Roster could not read it (Connections names the part). */
export interface RoleUnread {
  reason: string;
}

export function toMember(user: ReadUser, binding?: UserOrgBinding, unread?: RoleUnread): Member {
  return {
    ...toAccount(user),
    role: binding ? (binding.role.name ?? binding.role.id) : NO_ORGANIZATION_ROLE,
    roleId: binding?.role.id ?? NO_ORGANIZATION_ROLE,
    ...(binding ? { bindingId: binding.id } : {}),
    ...(unread ? { roleUnknown: unread.reason } : {}),
  };
}

export function toRole(role: ReadRole, ownerRoles: ReadonlySet<string>, adminLevelRoles: ReadonlySet<string>): Role {
  return {
    id: role.id,
    name: role.name ?? role.id,
    scope: "organization",
    ...(role.description ? { description: role.description } : {}),
    isOwner: ownerRoles.has(role.id),
    adminLevel: adminLevelRoles.has(role.id),
  };
}

export function toIdentity(user: ReadUser): Identity {
  return { id: user.id, name: displayName(user), email: user.email ?? null, organization: user.organization_name ?? null };
}
