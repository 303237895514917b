import { ApiError } from "../api/errors";
import { normaliseEmail } from "../email";
import { getSnapshots, patchSnapshot, snapshotMember, snapshotMembers } from "../directory/snapshot";
import { configuredProvider } from "../providers/registry";
import type { Member, ProviderAdapter, ProviderId, Role, Workspace } from "../providers/types";
import { findRole, isKnownRoleId, isOwnerRoleId, rolesFor } from "./roles";
import { attemptOf, auditedChange, auditedFailure, type ChangeContext, Refusal, refuse } from "../audit/change";
import type { ChangeResult } from "./types";
import { needsSecondAdmin, requestChange } from "../invites/change-requests";
import type { ApprovalRequiredResponse } from "../invites/types";
import { checkMassChange } from "./mass-change";
import { checkAdd, checkLastScopeOwner, directRoleIn, scopeWord } from "./workspace-rules";

/**
 * Changes to one membership: role changes and removals, with Roster's rules checked
 * before any provider call (last owner, your own membership) and the snapshot patched
 * after success.
 */

export function adapterFor(provider: ProviderId): ProviderAdapter {
  const configured = configuredProvider(provider);
  if (!configured.adapter) {
    throw new ApiError("unsupported", `${configured.label} is not configured (${configured.settings.missing ?? "no credentials"})`);
  }
  return configured.adapter;
}

export function labelOf(provider: ProviderId) {
  return configuredProvider(provider).label;
}

/** The member as Roster knows it (from the snapshot only). */
async function knownMember(provider: ProviderId, memberId: string): Promise<Member | undefined> {
  await getSnapshots();
  return snapshotMember(provider, memberId);
}

/**
 * The member a change is about: from the snapshot, else asked of the provider (a member
 * added since the last sync). One neither knows is refused with 404 before any change,
 * and the refusal is audited: Roster's rules (your own membership, the last owner) can
 * only be checked on a member it can see, and a change to nobody is no success.
 */
export async function resolveMember(
  ctx: ChangeContext,
  action: "change_role" | "remove_member" | "add_to_group" | "remove_from_group",
  provider: ProviderId,
  memberId: string,
): Promise<Member> {
  const attempt = attemptOf(ctx, { action, provider, target: { id: memberId, email: null }, before: null, after: null });
  const known = await knownMember(provider, memberId);
  if (known) return known;
  let found: Member | null;
  try {
    found = await adapterFor(provider).getMember(memberId);
  } catch (error) {
    // The provider could not say: the attempt is on the audit log as failed, with its words.
    return auditedFailure(attempt, error);
  }
  if (found) return found;
  return refuse(attempt, "not_found", `${labelOf(provider)} has no member with id "${memberId}"`);
}

export function warningsFor(member: Member | undefined, provider: ProviderId): string[] {
  return member?.managed
    ? [`${member.name || member.email} is managed by an identity provider (SCIM) on ${labelOf(provider)}: it may undo this change.`]
    : [];
}

export function checkSelf(ctx: ChangeContext, email: string | null, confirmSelf: boolean | undefined, provider: ProviderId) {
  if (email && normaliseEmail(email) === ctx.operator.email && !confirmSelf) {
    throw new Refusal("confirm_self", `This is your own membership on ${labelOf(provider)}. Confirm to change it.`);
  }
}

/** Whether a member is an owner, however they hold the role: directly, or through a group or team. */
export function isOwnerMember(roles: Role[], member: Member): boolean {
  return (
    isOwnerRoleId(roles, member.roleId) ||
    (member.scopedRoles ?? []).some((s) => s.scope === "organization" && isOwnerRoleId(roles, s.role))
  );
}

/**
 * Refuses a change that would leave a provider organization without an owner. `after` is
 * the member once changed (null: gone). Owners are counted however they hold the role:
 * directly, or through a group or team, so demoting the last direct owner is allowed
 * while a group still makes someone an owner, and removing someone from the group that
 * is the last owner's only source is refused.
 */
export async function checkLastOwnerAfter(provider: ProviderId, member: Member, after: Member | null) {
  if (member.status !== "active") return;
  const { roles } = await rolesFor(provider);
  if (!isOwnerMember(roles, member)) return;
  if (after && isOwnerMember(roles, after)) return;
  const active = snapshotMembers(provider).filter((m) => m.status === "active");
  if (!active.some((m) => m.id !== member.id && isOwnerMember(roles, m))) {
    const who = member.name || member.email || member.id;
    throw new Refusal(
      "last_owner",
      `${who} is the last owner of the ${labelOf(provider)} organization. Make someone else an owner first.${uncountedOwners(roles, active)}`,
    );
  }
}

export async function checkLastOwner(provider: ProviderId, member: Member, newRoleId: string | null) {
  await checkLastOwnerAfter(provider, member, newRoleId === null ? null : { ...member, roleId: newRoleId, role: newRoleId });
}

/**
 * Members whose role Roster has no catalogue entry for (or could not read) are never
 * counted as owners; when the rule refuses, it says so, since one of them may be one.
 */
function uncountedOwners(roles: Role[], active: readonly Member[]): string {
  const unknown = active.filter((m) => !isKnownRoleId(roles, m.roleId));
  if (unknown.length === 0) return "";
  const names = [...new Set(unknown.map((m) => (m.roleUnknown ? "role not read" : `"${m.role}"`)))].slice(0, 3).join(", ");
  const people =
    unknown.length === 1 ? "1 member whose role Roster doesn't know" : `${unknown.length} members whose roles Roster doesn't know`;
  return ` (${people}: ${names}; Roster does not count them as owners.)`;
}

/**
 * The provider's roles, to check the role asked for. When the provider cannot give them
 * (it is down and Roster has none kept), the change still goes on the audit log, failed.
 */
async function rolesOrAuditedFailure(ctx: ChangeContext, input: { provider: ProviderId; memberId: string; role: string }) {
  try {
    return await rolesFor(input.provider);
  } catch (error) {
    const member = await knownMember(input.provider, input.memberId);
    const attempt = attemptOf(ctx, {
      action: "change_role",
      provider: input.provider,
      target: { id: input.memberId, email: member?.email ?? null },
      before: { role: member?.role ?? null },
      after: { role: input.role },
    });
    return auditedFailure(attempt, error);
  }
}

/** The role (and workspace) a role change asks for, checked against the provider's catalogue: 422 naming what is wrong. */
export async function roleAsked(
  ctx: ChangeContext,
  input: { provider: ProviderId; memberId: string; role: string; workspaceId?: string; add?: boolean },
): Promise<{ adapter: ProviderAdapter; roles: Role[]; role: Role; workspace: Workspace | undefined }> {
  const { provider, workspaceId } = input;
  const adapter = adapterFor(provider);
  if (workspaceId && !adapter.capabilities.workspaceRoles) {
    throw new ApiError("invalid_input", `workspaceId: ${labelOf(provider)} has no workspace roles`, [
      { field: "workspaceId", message: `${labelOf(provider)} has no workspace roles` },
    ]);
  }
  const { roles, workspaces } = await rolesOrAuditedFailure(ctx, input);
  const scope = workspaceId ? "workspace" : "organization";
  const role = findRole(roles, input.role, scope);
  if (!role) {
    const names = roles.filter((r) => r.scope === scope).map((r) => r.name);
    throw new ApiError("unknown_role", `role must be one of ${names.join(", ")} on ${labelOf(provider)}`, [
      { field: "role", message: `unknown ${scope} role "${input.role}"` },
    ]);
  }
  const workspace = workspaceId ? workspaces.find((w) => w.id === workspaceId) : undefined;
  if (workspaceId && !workspace) {
    throw new ApiError("invalid_input", `workspaceId: no project or workspace "${workspaceId}" on ${labelOf(provider)}`, [
      { field: "workspaceId", message: "unknown project or workspace" },
    ]);
  }
  if (input.add && !workspace) {
    throw new ApiError("invalid_input", "add: needs workspaceId (the project or workspace to add the member to)", [
      { field: "add", message: "needs workspaceId" },
    ]);
  }
  return { adapter, roles, role, workspace };
}

export async function changeRole(
  ctx: ChangeContext,
  input: {
    provider: ProviderId;
    memberId: string;
    role: string;
    workspaceId?: string;
    add?: boolean;
    confirmSelf?: boolean;
    reason?: string;
  },
): Promise<ChangeResult | ApprovalRequiredResponse> {
  const { provider, memberId, workspaceId } = input;
  const { adapter, roles, role, workspace } = await roleAsked(ctx, input);
  const member = await resolveMember(ctx, "change_role", provider, memberId);
  if (workspace) checkAdd(adapter, labelOf(provider), member, workspace, input.add);
  // Roster's ownership rules: an organization keeps an owner, and so does a project.
  const checkOwners = () =>
    workspace
      ? checkLastScopeOwner(provider, labelOf(provider), roles, member, workspace, role.id)
      : checkLastOwner(provider, member, role.id);
  if (role.adminLevel && needsSecondAdmin(ctx)) {
    // The two-person rule: an admin-level grant waits for a second admin; Roster's rules are checked now, and again then.
    const change = {
      kind: "admin_role" as const,
      provider,
      memberId: member.id,
      memberEmail: member.email ?? null,
      memberName: member.name || member.email || member.id,
      roleId: role.id,
      roleName: role.name,
      workspaceId: workspace?.id ?? null,
      workspaceName: workspace?.name ?? null,
      ...(workspace ? { workspaceKind: scopeWord(workspace), add: input.add === true } : {}),
    };
    return requestChange(ctx, change, input.reason, async () => {
      checkSelf(ctx, member.email ?? null, input.confirmSelf, provider);
      await checkOwners();
    });
  }
  const held = await checkMassChange(
    ctx,
    [
      {
        action: "change_role",
        provider,
        memberId: member.id,
        role: role.id,
        workspaceId: workspace?.id ?? null,
        email: member.email ?? null,
      },
    ],
    {
      reason: input.reason,
      check: async () => {
        checkSelf(ctx, member.email ?? null, input.confirmSelf, provider);
        await checkOwners();
      },
    },
  );
  if (held) return held;
  // Audited as `project` (OpenAI) or `workspace`: the name, so the log reads "in project Research".
  const where = workspace ? { [scopeWord(workspace)]: workspace.name } : {};
  const before = workspace ? { role: directRoleIn(member, workspace.id), ...where } : { role: member.role };
  const after = { role: role.name, ...where };
  const attempt = attemptOf(ctx, {
    action: "change_role",
    provider,
    target: { id: member.id, email: member.email ?? null },
    before,
    after,
  });
  const auditId = await auditedChange(attempt, async () => {
    checkSelf(ctx, member.email ?? null, input.confirmSelf, provider);
    await checkOwners();
    await adapter.changeRole({ memberId: member.id, role: role.id, workspaceId, ...(input.add ? { add: true } : {}) });
  });
  await patchSnapshot(provider, (members) =>
    members.map((m) => {
      if (m.id !== member.id) return m;
      if (!workspace) return { ...m, role: role.name, roleId: role.id };
      const others = (m.scopedRoles ?? []).filter((s) => s.scopeId !== workspace.id || s.via);
      return {
        ...m,
        scopedRoles: [...others, { scope: scopeWord(workspace), scopeId: workspace.id, scopeName: workspace.name, role: role.name }],
      };
    }),
  );
  return {
    ok: true,
    provider,
    action: "change_role",
    targetId: member.id,
    targetEmail: member.email ?? null,
    before,
    after,
    warnings: warningsFor(member, provider),
    auditId,
  };
}

export async function removeMember(
  ctx: ChangeContext,
  input: { provider: ProviderId; memberId: string; workspaceId?: string; confirmSelf?: boolean },
): Promise<ChangeResult | ApprovalRequiredResponse> {
  const { provider, memberId, workspaceId } = input;
  const adapter = adapterFor(provider);
  if (workspaceId && !adapter.capabilities.workspaceRoles) {
    throw new ApiError("invalid_input", `workspaceId: ${labelOf(provider)} has no workspaces`, [
      { field: "workspaceId", message: `${labelOf(provider)} has no workspaces` },
    ]);
  }
  if (!workspaceId && adapter.capabilities.removeFromOrganization === false) {
    throw new ApiError("unsupported", `${labelOf(provider)}'s API cannot remove a member from the organization`);
  }
  // The project or workspace as the provider lists it (for the last-owner rule and the audit's words); an unlisted id is still tried.
  const { roles, workspaces } = workspaceId ? await rolesFor(provider) : { roles: [], workspaces: [] };
  const workspace = workspaceId ? (workspaces.find((w) => w.id === workspaceId) ?? { id: workspaceId, name: workspaceId }) : undefined;
  const member = await resolveMember(ctx, "remove_member", provider, memberId);
  const held = await checkMassChange(
    ctx,
    [{ action: "remove_member", provider, memberId: member.id, workspaceId: workspaceId ?? null, email: member.email ?? null }],
    {
      check: async () => {
        checkSelf(ctx, member.email ?? null, input.confirmSelf, provider);
        if (workspace) checkLastScopeOwner(provider, labelOf(provider), roles, member, workspace, null);
        else await checkLastOwner(provider, member, null);
      },
    },
  );
  if (held) return held;
  const before = workspace
    ? { role: directRoleIn(member, workspace.id), ...(workspace.kind === "project" ? { project: workspace.name } : {}), workspaceId }
    : { role: member.role };
  const attempt = attemptOf(ctx, {
    action: "remove_member",
    provider,
    target: { id: member.id, email: member.email ?? null },
    before,
    after: null,
  });
  const auditId = await auditedChange(attempt, async () => {
    checkSelf(ctx, member.email ?? null, input.confirmSelf, provider);
    if (workspace) checkLastScopeOwner(provider, labelOf(provider), roles, member, workspace, null);
    else await checkLastOwner(provider, member, null);
    await adapter.removeMember({ memberId: member.id, workspaceId });
  });
  await patchSnapshot(provider, (members) =>
    workspaceId
      ? members.map((m) =>
          m.id === member.id ? { ...m, scopedRoles: (m.scopedRoles ?? []).filter((s) => s.scopeId !== workspaceId || s.via) } : m,
        )
      : members.filter((m) => m.id !== member.id),
  );
  return {
    ok: true,
    provider,
    action: "remove_member",
    targetId: member.id,
    targetEmail: member.email ?? null,
    before,
    after: null,
    warnings: warningsFor(member, provider),
    auditId,
  };
}
