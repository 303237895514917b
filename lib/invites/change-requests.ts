import { scheduleExpiry } from "../jobs/scheduled";
import { randomUUID } from "node:crypto";
import { attemptOf, auditedChange, type ChangeContext, refuse } from "../audit/change";
import { notify } from "../notify";
import { insertChangeRequest } from "./change-store";
import { invitePolicy } from "./policy";
import { toDetail } from "./present";
import { expiresAtFrom } from "./rules";
import type { ApprovalRequiredResponse, RequestedChange } from "./types";

/**
 * The two-person rule beyond invites: a new Arthur user, a grant of an admin-level role
 * (each provider's role catalogue says which roles are) and a new service account are
 * stored as a request that an admin other than the requester approves; only the approval
 * performs the change (lib/changes/approved.ts). With ROSTER_DIRECT_INVITES=admins an
 * admin acts alone, as with direct invites.
 */

export const NO_REASON = "No reason given";

/** Whether this change has to wait for a second admin: not when an approval is performing it, nor under the direct policy. */
export function needsSecondAdmin(ctx: ChangeContext): boolean {
  return !ctx.approval && !invitePolicy().directInvites;
}

function targetOf(change: RequestedChange): { provider: string | null; email: string | null } {
  if (change.kind === "arthur_user") return { provider: "arthur", email: change.email };
  if (change.kind === "admin_role") return { provider: change.provider, email: change.memberEmail };
  if (change.kind === "mass_change") {
    const first = change.items[0];
    return { provider: first && first.action !== "offboard" ? first.provider : null, email: first?.email ?? null };
  }
  return { provider: "arthur", email: null };
}

/**
 * Stores the request (audited as `request_change`) after `check` (Roster's rules that
 * can be checked now, such as the last owner) passed; nothing reaches a provider.
 */
export async function requestChange(
  ctx: ChangeContext,
  change: RequestedChange,
  reason: string | undefined,
  check: () => Promise<void> = async () => {},
): Promise<ApprovalRequiredResponse> {
  const policy = invitePolicy();
  const id = randomUUID();
  const createdAt = new Date();
  const why = reason?.trim() || NO_REASON;
  const { provider, email } = targetOf(change);
  const attempt = attemptOf(ctx, {
    action: "request_change",
    provider,
    target: { id, email },
    before: null,
    after: { ...change, reason: why },
  });
  if (ctx.operator.token) {
    // A request has a person behind it, whom the approver can ask; a token is not one.
    await refuse(
      attempt,
      "session_required",
      "This change needs a second admin's approval, which an API token cannot ask for: request it in Roster's console, signed in",
    );
  }
  let row: Awaited<ReturnType<typeof insertChangeRequest>> | undefined;
  await auditedChange(attempt, async () => {
    await check();
    row = await insertChangeRequest({
      id,
      requester: ctx.operator,
      reason: why,
      createdAt,
      expiresAt: expiresAtFrom(createdAt, policy.expiryDays),
      change,
    });
  });
  await scheduleExpiry(row!.expiresAt);
  await notify({ kind: "request_created", requestId: id });
  return { approvalRequired: true, request: toDetail(row!, []) };
}
