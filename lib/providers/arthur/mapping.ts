import type { Identity, Member, MemberKind, Role } from "../types";
import type { UserType, WireRole, WireRoleBinding, WireUser } from "./schemas";

/** Role shown for a member with no organization role binding of their own (e.g. roles only through a group). */
export const NO_ORGANIZATION_ROLE = "";

type NamedUser = Pick<WireUser, "id" | "first_name" | "last_name" | "email">;

/** "First Last", else the email, else the id: invited users may have no name yet. */
export function displayName(user: NamedUser): string {
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ").trim();
  return name || user.email || user.id;
}

/** Data-plane users are machine identities too, so they count as service accounts. */
export function memberKind(userType: UserType): MemberKind {
  return userType === "user" ? "person" : "service_account";
}

export function isUserOrgBinding(binding: WireRoleBinding): boolean {
  return binding.bound_member_kind === "user" && binding.bound_resource_kind === "organization";
}

/** The binding that decides a member's shown role: an owner role first, then the oldest. */
export function primaryBinding(bindings: WireRoleBinding[], ownerRoles: ReadonlySet<string>): WireRoleBinding | undefined {
  const byAge = [...bindings].sort((a, b) => a.created_at.localeCompare(b.created_at));
  return byAge.find((binding) => ownerRoles.has(binding.role.id)) ?? byAge[0];
}

/** Organization role bindings of users, grouped by user id. */
export function bindingsByUser(bindings: WireRoleBinding[]): Map<string, WireRoleBinding[]> {
  const grouped = new Map<string, WireRoleBinding[]>();
  for (const binding of bindings.filter(isUserOrgBinding)) {
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
export function toAccount(user: WireUser): ArthurAccount {
  return {
    provider: "arthur",
    id: user.id,
    email: user.email ?? null,
    name: displayName(user),
    status: "active",
    kind: memberKind(user.user_type),
    addedAt: user.created_at,
    managed: false,
  };
}

export function toMember(user: WireUser, binding?: WireRoleBinding): Member {
  return {
    ...toAccount(user),
    role: binding?.role.name ?? NO_ORGANIZATION_ROLE,
    roleId: binding?.role.id ?? NO_ORGANIZATION_ROLE,
    ...(binding ? { bindingId: binding.id } : {}),
  };
}

export function toRole(role: WireRole, ownerRoles: ReadonlySet<string>): Role {
  return {
    id: role.id,
    name: role.name,
    scope: "organization",
    ...(role.description ? { description: role.description } : {}),
    isOwner: ownerRoles.has(role.id),
  };
}

export function toIdentity(user: WireUser): Identity {
  return { id: user.id, name: displayName(user), email: user.email ?? null, organization: user.organization_name };
}
