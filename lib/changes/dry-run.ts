import { ApiError } from "../api/errors";
import { isRefusal, type ChangeContext } from "../audit/change";
import { getSnapshots } from "../directory/snapshot";
import { normaliseEmail } from "../email";
import { needsSecondAdmin } from "../invites/change-requests";
import { configuredProvider } from "../providers/registry";
import type { Member, ProviderId } from "../providers/types";
import { resolveInvite } from "./invites";
import { MASS_CHANGE_CODE, massChangeNote, massChangeStanding, type MassChangeStanding } from "./mass-change";
import { adapterFor, checkLastOwner, checkSelf, labelOf, roleAsked } from "./members";
import { personMembers } from "./person";
import type { ChangeState } from "./types";

/**
 * Dry runs (`?dryRun=true` on a change route): the plan of the change from fresh provider
 * reads (the member or invite as the provider has it now, not the snapshot), with Roster's
 * rules checked as the change would check them, and nothing written: no provider call
 * that changes anything, no audit row, nothing counted by the mass-change guard.
 */

export { dryRunQuerySchema } from "./types";

export interface PlanStep {
  provider: ProviderId;
  action: "change_role" | "remove_member" | "revoke_invite";
  targetId: string;
  email: string | null;
  before: ChangeState | null;
  after: ChangeState | null;
  /** Why this step would do nothing (already so, no longer there); null when it would change something. */
  skip: string | null;
}

export interface ChangePlan {
  dryRun: true;
  steps: PlanStep[];
  /** Rules that would refuse the change now (last owner, your own membership without confirmSelf, a token that cannot ask for approval). */
  refusals: Array<{ code: string; message: string }>;
  /** Whether the change would wait for a second admin, and why (the two-person rule, the mass-change guard). */
  approval: { required: boolean; reasons: string[]; massChange: MassChangeStanding & { note: string | null } };
}

async function refusalOf(rule: () => unknown): Promise<{ code: string; message: string } | null> {
  try {
    await rule();
    return null;
  } catch (error) {
    if (isRefusal(error)) return { code: error.code, message: error.message };
    throw error;
  }
}

async function freshMember(provider: ProviderId, memberId: string): Promise<Member> {
  const member = await adapterFor(provider).getMember(memberId);
  if (!member) throw new ApiError("not_found", `${labelOf(provider)} has no member with id "${memberId}"`);
  return member;
}

async function planOf(
  ctx: ChangeContext,
  steps: PlanStep[],
  rules: Array<() => unknown>,
  adminLevel: string | null = null,
): Promise<ChangePlan> {
  await getSnapshots();
  const refusals = (await Promise.all(rules.map(refusalOf))).filter((r): r is { code: string; message: string } => r !== null);
  const changing = steps.filter((s) => !s.skip).length;
  const standing = await massChangeStanding(ctx.operator.id, changing);
  const reasons: string[] = [];
  if (adminLevel && needsSecondAdmin(ctx))
    reasons.push(`The two-person rule: ${adminLevel} is an admin-level role, granted once a second admin approves`);
  const overThreshold = standing.needsApproval && changing > 0 && !adminLevel;
  const note = overThreshold ? massChangeNote(standing) : null;
  if (note) reasons.push(note);
  if (reasons.length && ctx.operator.token) {
    refusals.push({
      code: overThreshold ? MASS_CHANGE_CODE : "session_required",
      message: "This change needs a second admin's approval, which an API token cannot ask for: it would be refused (403)",
    });
  }
  return { dryRun: true, steps, refusals, approval: { required: reasons.length > 0, reasons, massChange: { ...standing, note } } };
}

export async function planRoleChange(
  ctx: ChangeContext,
  input: { provider: ProviderId; memberId: string; role: string; workspaceId?: string; confirmSelf?: boolean },
): Promise<ChangePlan> {
  const { role, workspace } = await roleAsked(ctx, input);
  const member = await freshMember(input.provider, input.memberId);
  const current = workspace ? (member.scopedRoles?.find((s) => s.scopeId === workspace.id && !s.via)?.role ?? null) : member.role;
  const already = workspace ? current === role.name || current === role.id : member.roleId === role.id;
  const step: PlanStep = {
    provider: input.provider,
    action: "change_role",
    targetId: member.id,
    email: member.email ?? null,
    before: workspace ? { role: current, workspace: workspace.name } : { role: member.role },
    after: workspace ? { role: role.name, workspace: workspace.name } : { role: role.name },
    skip: already ? `Already ${role.name}${workspace ? ` in ${workspace.name}` : ""} on ${labelOf(input.provider)}` : null,
  };
  return planOf(
    ctx,
    [step],
    [
      () => checkSelf(ctx, member.email ?? null, input.confirmSelf, input.provider),
      () => (workspace ? null : checkLastOwner(input.provider, member, role.id)),
    ],
    role.adminLevel ? role.name : null,
  );
}

export async function planRemoval(
  ctx: ChangeContext,
  input: { provider: ProviderId; memberId: string; workspaceId?: string; confirmSelf?: boolean },
): Promise<ChangePlan> {
  const adapter = adapterFor(input.provider);
  if (!input.workspaceId && adapter.capabilities.removeFromOrganization === false) {
    throw new ApiError("unsupported", `${labelOf(input.provider)}'s API cannot remove a member from the organization`);
  }
  const member = await freshMember(input.provider, input.memberId);
  const step: PlanStep = {
    provider: input.provider,
    action: "remove_member",
    targetId: member.id,
    email: member.email ?? null,
    before: input.workspaceId
      ? { role: member.scopedRoles?.find((s) => s.scopeId === input.workspaceId)?.role ?? null, workspaceId: input.workspaceId }
      : { role: member.role },
    after: null,
    skip: null,
  };
  return planOf(
    ctx,
    [step],
    [
      () => checkSelf(ctx, member.email ?? null, input.confirmSelf, input.provider),
      () => (input.workspaceId ? null : checkLastOwner(input.provider, member, null)),
    ],
  );
}

export async function planRevoke(ctx: ChangeContext, input: { provider: ProviderId; inviteId: string }): Promise<ChangePlan> {
  const { invite } = await resolveInvite(input.provider, input.inviteId, null);
  return planOf(
    ctx,
    [
      {
        provider: input.provider,
        action: "revoke_invite",
        targetId: invite.id,
        email: invite.email,
        before: { role: invite.role },
        after: null,
        skip: null,
      },
    ],
    [],
  );
}

/** Remove everywhere: each membership read fresh (an invite against the provider's current list); gone ones are skipped. */
export async function planOffboard(
  ctx: ChangeContext,
  input: { email: string; providers?: ProviderId[]; confirmSelf?: boolean },
): Promise<ChangePlan> {
  const email = normaliseEmail(input.email);
  const members = (await personMembers(email)).filter(
    (m) => (!input.providers || input.providers.includes(m.provider)) && configuredProvider(m.provider).adapter,
  );
  if (members.length === 0)
    throw new ApiError("not_found", `The email ${email} has no membership${input.providers ? " on those providers" : ""} to remove`);
  const fresh = await Promise.all(
    members.map(async (m): Promise<{ step: PlanStep; member: Member | null }> => {
      const adapter = adapterFor(m.provider);
      if (m.status === "invited") {
        const invites = adapter.capabilities.revokeInvite ? await adapter.listInvites() : [];
        const invite = invites.find((i) => i.id === m.id) ?? invites.find((i) => normaliseEmail(i.email) === email);
        const skip = !adapter.capabilities.revokeInvite
          ? `${labelOf(m.provider)} has no API to revoke invites`
          : invite
            ? null
            : "The invite is no longer pending";
        return {
          step: {
            provider: m.provider,
            action: "revoke_invite",
            targetId: invite?.id ?? m.id,
            email,
            before: { role: m.role },
            after: null,
            skip,
          },
          member: null,
        };
      }
      const now = await adapter.getMember(m.id);
      const skip = now ? null : `No longer a member of ${labelOf(m.provider)}`;
      return {
        step: {
          provider: m.provider,
          action: "remove_member",
          targetId: m.id,
          email,
          before: { role: now?.role ?? m.role },
          after: null,
          skip,
        },
        member: now,
      };
    }),
  );
  const rules: Array<() => unknown> = [
    () => {
      if (email === ctx.operator.email && !input.confirmSelf) checkSelf(ctx, email, false, fresh[0].step.provider);
    },
    ...fresh.filter((f) => f.member).map((f) => () => checkLastOwner(f.step.provider, f.member!, null)),
  ];
  return planOf(
    ctx,
    fresh.map((f) => f.step),
    rules,
  );
}
