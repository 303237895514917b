import { ApiError, isApiError } from "../api/errors";
import { normaliseEmail } from "../email";
import { configuredProvider } from "../providers/registry";
import type { Member, ProviderId } from "../providers/types";
import { revokeInvite } from "./invites";
import { removeMember } from "./members";
import { personMembers } from "./person";
import { attemptOf, auditedChange, type ChangeContext, refuse } from "../audit/change";
import type { OffboardResponse, OffboardStep } from "./types";
import type { ApprovalRequiredResponse } from "../invites/types";
import { checkMassChange, counted } from "./mass-change";

/**
 * "Remove everywhere": one step per membership (remove the member, or revoke the pending
 * invite), all providers at once. Each step is checked, audited and answered on its own,
 * so a failure on one provider leaves the others done and can be retried alone. The
 * audit log has one "Remove everywhere" entry with the steps under it; it fails when a
 * step did.
 */

function stepFailure(error: unknown): OffboardStep["error"] {
  if (isApiError(error)) return { code: error.code, status: error.status, message: error.message };
  const status = (error as { status?: number | null }).status ?? null;
  return { code: "provider_error", status, message: error instanceof Error ? error.message : String(error) };
}

/** What a resumed offboard says of a membership an earlier attempt already removed. */
export const REMOVED_EARLIER = "Already gone: an earlier attempt, cut off by a stopping server, removed it";

async function runStep(ctx: ChangeContext, member: Member, resumed: boolean): Promise<OffboardStep> {
  const action = member.status === "invited" ? "revoke_invite" : "remove_member";
  const base = { provider: member.provider, action, targetId: member.id } as const;
  try {
    const result =
      action === "revoke_invite"
        ? await revokeInvite(ctx, { provider: member.provider, inviteId: member.id })
        : await removeMember(ctx, { provider: member.provider, memberId: member.id, confirmSelf: true });
    if (!("ok" in result)) throw new Error("A counted offboard step asked for approval");
    return { ...base, ok: true, warnings: result.warnings };
  } catch (error) {
    const failure = stepFailure(error);
    // Resumed after a stopped server: the provider no longer knowing the membership is the end this step wants.
    if (resumed && failure?.status === 404) return { ...base, ok: true, warnings: [REMOVED_EARLIER] };
    return { ...base, ok: false, warnings: [], error: failure };
  }
}

export async function offboard(
  ctx: ChangeContext,
  input: {
    email: string;
    providers?: ProviderId[];
    confirmSelf?: boolean;
    /**
     * A bulk item run again after the server running it stopped: what that attempt already
     * removed is done (a 404 from the provider, or no membership left), not a failure.
     */
    resumed?: boolean;
  },
): Promise<OffboardResponse | ApprovalRequiredResponse> {
  const email = normaliseEmail(input.email);
  const members = (await personMembers(email)).filter(
    (m) => (!input.providers || input.providers.includes(m.provider)) && configuredProvider(m.provider).adapter,
  );
  if (members.length === 0 && input.resumed) {
    const attempt = attemptOf(ctx, { action: "offboard", target: { email }, before: { memberships: [] }, after: null });
    await auditedChange(attempt, async (entry) =>
      entry.settle({ outcome: "success", providerMessage: `Nothing left to remove. ${REMOVED_EARLIER}` }),
    );
    return { email, steps: [] };
  }
  if (members.length === 0) {
    throw new ApiError("not_found", `The email ${email} has no membership${input.providers ? " on those providers" : ""} to remove`);
  }
  if (email === ctx.operator.email && !input.confirmSelf) {
    await refuse(
      attemptOf(ctx, { action: "offboard", target: { email }, before: null, after: null }),
      "confirm_self",
      "You are about to remove yourself from every provider. Confirm to continue.",
    );
  }
  const held = await checkMassChange(ctx, [{ action: "offboard", email, providers: input.providers ?? null, memberships: members.length }]);
  if (held) return held;
  const attempt = attemptOf(ctx, {
    action: "offboard",
    target: { email },
    before: { memberships: members.map((m) => ({ provider: m.provider, id: m.id, role: m.role, status: m.status })) },
    after: null,
  });
  let steps: OffboardStep[] = [];
  await auditedChange(attempt, async (entry) => {
    steps = await Promise.all(members.map((m) => runStep(counted({ ...ctx, parentAuditId: entry.auditId }), m, input.resumed === true)));
    const failed = steps.filter((s) => !s.ok);
    if (failed.length) {
      const which = failed.map((s) => `${configuredProvider(s.provider).label}: ${s.error?.message ?? "failed"}`).join("; ");
      entry.settle({ outcome: "failure", providerMessage: `${failed.length} of ${steps.length} steps failed (${which})` });
    }
  });
  return { email, steps };
}
