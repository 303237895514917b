import { ApiError } from "../api/errors";
import { attemptOf, auditedChange, type ChangeContext } from "../audit/change";
import { patchSnapshot } from "../directory/snapshot";
import { needsSecondAdmin, requestChange } from "../invites/change-requests";
import type { ApprovalRequiredResponse } from "../invites/types";
import type { Group, Member, ProviderAdapter, ProviderId, ScopedRole } from "../providers/types";
import { adapterFor, checkLastOwnerAfter, labelOf, resolveMember, warningsFor } from "./members";
import { rolesFor } from "./roles";

/**
 * Groups (OpenAI, Arthur) and teams (Astronomer): listing them, and adding a member to or
 * removing one from one, through the one audited-change recipe. Removing someone from the
 * group that is the last owner's only source of the owner role is refused before any
 * provider call; a group granting an admin-level role needs a second admin.
 */

export interface GroupView extends Group {
  memberCount: number;
}

export interface GroupChangeResult {
  ok: true;
  provider: ProviderId;
  action: "add_to_group" | "remove_from_group";
  targetId: string;
  targetEmail: string | null;
  group: { id: string; name: string; kind: Group["kind"] };
  warnings: string[];
  auditId: number;
}

function groupsOf(provider: ProviderId): ProviderAdapter & Required<Pick<ProviderAdapter, "listGroups">> {
  const adapter = adapterFor(provider);
  if (!adapter.capabilities.groups || !adapter.listGroups) {
    throw new ApiError("unsupported", `${labelOf(provider)} has no groups or teams Roster can read`);
  }
  return adapter as ProviderAdapter & Required<Pick<ProviderAdapter, "listGroups">>;
}

export async function listGroups(provider: ProviderId): Promise<{ provider: ProviderId; groups: GroupView[] }> {
  const groups = await groupsOf(provider).listGroups();
  return { provider, groups: groups.map((group) => ({ ...group, memberCount: group.memberIds.length })) };
}

/** A grant as the member holds it through the group. */
const viaGroup = (group: Group): ScopedRole[] =>
  group.roles.map((grant) => ({ ...grant, via: { kind: group.kind, id: group.id, name: group.name } }));

export async function changeGroupMembership(
  ctx: ChangeContext,
  input: { provider: ProviderId; memberId: string; groupId: string; change: "add" | "remove"; reason?: string },
): Promise<GroupChangeResult | ApprovalRequiredResponse> {
  const { provider, change } = input;
  const adapter = groupsOf(provider);
  const act = change === "add" ? adapter.addToGroup : adapter.removeFromGroup;
  if (adapter.capabilities.groups !== "manage" || !act) {
    throw new ApiError(
      "unsupported",
      `${labelOf(provider)}'s API cannot ${change} members ${change === "add" ? "to" : "from"} its groups or teams`,
    );
  }
  const group = (await adapter.listGroups()).find((g) => g.id === input.groupId);
  if (!group) {
    throw new ApiError("not_found", `${labelOf(provider)} has no group or team with id "${input.groupId}"`);
  }
  const action = change === "add" ? "add_to_group" : "remove_from_group";
  const member = await resolveMember(ctx, action, provider, input.memberId);
  const isIn = group.memberIds.includes(member.id);
  if (isIn === (change === "add")) {
    throw new ApiError(
      change === "add" ? "already_member" : "not_member",
      `${member.name || member.email} is ${change === "add" ? "already" : "not"} in ${group.kind} "${group.name}"`,
    );
  }
  const { roles } = await rolesFor(provider);
  const adminGrant = group.roles
    .map((grant) => ({ grant, role: roles.find((r) => r.adminLevel && (r.id === grant.role || r.name === grant.role)) }))
    .find((found) => found.role);
  if (change === "add" && adminGrant?.role && needsSecondAdmin(ctx)) {
    // Like any other admin-level grant: held for a second admin, who performs this very change on approval.
    return requestChange(
      ctx,
      {
        kind: "admin_role",
        provider,
        memberId: member.id,
        memberEmail: member.email ?? null,
        memberName: member.name || member.email || member.id,
        roleId: adminGrant.role.id,
        roleName: adminGrant.role.name,
        workspaceId: null,
        workspaceName: null,
        group: { id: group.id, name: group.name, kind: group.kind },
      },
      input.reason,
    );
  }
  const described = { group: group.name, kind: group.kind, grants: group.roles.map((g) => g.role) };
  const attempt = attemptOf(ctx, {
    action,
    provider,
    target: { id: member.id, email: member.email ?? null },
    before: change === "remove" ? described : null,
    after: change === "add" ? described : null,
  });
  const others = (m: Member) => (m.scopedRoles ?? []).filter((s) => s.via?.id !== group.id);
  const changed = (m: Member): Member => {
    const scopedRoles = change === "add" ? [...others(m), ...viaGroup(group)] : others(m);
    return { ...m, scopedRoles: scopedRoles.length ? scopedRoles : undefined };
  };
  const auditId = await auditedChange(attempt, async () => {
    if (change === "remove") await checkLastOwnerAfter(provider, member, changed(member));
    await act.call(adapter, { memberId: member.id, groupId: group.id });
  });
  await patchSnapshot(provider, (members) => members.map((m) => (m.id === member.id ? changed(m) : m)));
  return {
    ok: true,
    provider,
    action,
    targetId: member.id,
    targetEmail: member.email ?? null,
    group: { id: group.id, name: group.name, kind: group.kind },
    warnings: warningsFor(member, provider),
    auditId,
  };
}
