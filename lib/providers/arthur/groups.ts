import { type ItemSpec, isoTimeLenient, type Tolerated } from "../tolerant";
import type { Group, ScopedRole } from "../types";
import type { ReadBinding } from "./mapping";
import { groupMembershipSchema, groupSchema } from "./schemas";

/**
 * Arthur groups: organization roles bound to a group (`bound_member_kind: "group"`) are
 * held by every member of the group. Read as grants `via` the group, beside the member's
 * own role, so the last-owner rule counts an admin through a group.
 */

const times = { created_at: isoTimeLenient, updated_at: isoTimeLenient };
export const GROUP_ITEM: ItemSpec<typeof groupSchema> = { item: "group", schema: groupSchema, lenient: times };
export const GROUP_MEMBERSHIP_ITEM: ItemSpec<typeof groupMembershipSchema> = {
  item: "group_membership",
  schema: groupMembershipSchema,
  lenient: times,
};

export type ReadGroup = Tolerated<typeof groupSchema._output>;
export type ReadMembership = Tolerated<typeof groupMembershipSchema._output>;

/** A membership needs both ids; each read record keeps whatever else it has. */
const idsOf = (m: ReadMembership) =>
  typeof m.group_id === "string" && typeof m.user_id === "string" ? { group: m.group_id, user: m.user_id } : null;

/** The organization roles each group grants, from the organization's group bindings. */
export function grantsByGroup(bindings: ReadBinding[]): Map<string, ScopedRole[]> {
  const grants = new Map<string, ScopedRole[]>();
  for (const binding of bindings) {
    if (binding.bound_member_kind !== "group" || binding.bound_resource_kind !== "organization") continue;
    if (typeof binding.bound_member?.id !== "string" || typeof binding.role?.id !== "string") continue;
    const grant: ScopedRole = {
      scope: "organization",
      scopeId: binding.bound_resource?.id ?? "",
      scopeName: binding.bound_resource?.name ?? "",
      role: binding.role.name ?? binding.role.id,
    };
    grants.set(binding.bound_member.id, [...(grants.get(binding.bound_member.id) ?? []), grant]);
  }
  return grants;
}

/** Each user's grants through the groups they are in; the group's name from its binding or its membership. */
export function groupGrantsByUser(bindings: ReadBinding[], memberships: ReadMembership[]): Map<string, ScopedRole[]> {
  const grants = grantsByGroup(bindings);
  const names = new Map(bindings.filter((b) => b.bound_member_kind === "group").map((b) => [b.bound_member?.id, b.bound_member?.name]));
  const byUser = new Map<string, ScopedRole[]>();
  for (const membership of memberships) {
    const ids = idsOf(membership);
    const held = ids && grants.get(ids.group);
    if (!ids || !held) continue;
    const name = names.get(ids.group) ?? membership.group?.name ?? ids.group;
    const via = { kind: "group" as const, id: ids.group, name };
    byUser.set(ids.user, [...(byUser.get(ids.user) ?? []), ...held.map((grant) => ({ ...grant, via }))]);
  }
  return byUser;
}

/** Groups with their members and what they grant, by name. */
export function toGroups(groups: ReadGroup[], bindings: ReadBinding[], memberships: ReadMembership[]): Group[] {
  const grants = grantsByGroup(bindings);
  const members = new Map<string, string[]>();
  for (const membership of memberships) {
    const ids = idsOf(membership);
    if (ids) members.set(ids.group, [...(members.get(ids.group) ?? []), ids.user]);
  }
  return groups
    .map((group) => ({
      id: group.id,
      name: group.name ?? group.id,
      kind: "group" as const,
      memberIds: members.get(group.id) ?? [],
      roles: grants.get(group.id) ?? [],
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
