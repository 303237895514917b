import "server-only";
import { isApprovalRequired } from "../invites/types";
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { ApiError, isApiError } from "../api/errors";
import { attemptOf, auditedChange, type ChangeContext, isRefusal } from "../audit/change";
import { changeRole, removeMember } from "../changes/members";
import { getDb } from "../db";
import { accessReviewItems, accessReviews, auditEvents, type AccessReviewItemRow, type AccessReviewRow } from "../db/schema";
import { campaignRow, reviewDetail } from "./campaigns";
import type { ReviewDetail, ReviewOutcome } from "./types";

/**
 * Remediation: decisions become changes through the audited recipe (lib/changes/members.ts,
 * which applies the last-owner and two-person rules), each under one parent audit entry per
 * run (`remediate_review`) that names the campaign; each item's outcome is stored.
 *
 * `remediateReview` is the ONE place a run starts: closing a campaign and retrying its failed
 * items both call it. To run it in the background, enqueue a job that calls it; to guard it
 * with the mass-change rule, check the count of changes it will make (`pendingChanges`) first.
 */

interface ItemResult {
  outcome: ReviewOutcome;
  detail: string | null;
  auditId: number | null;
  changeRequestId: string | null;
}

/** The audit attempt a failed or refused step wrote (the recipe throws instead of answering its id). */
async function stepAuditId(parentId: number, memberId: string): Promise<number | null> {
  const db = await getDb();
  const [row] = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(eq(auditEvents.parentId, parentId), eq(auditEvents.targetId, memberId), eq(auditEvents.kind, "attempt")))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return row?.id ?? null;
}

async function carryOut(ctx: ChangeContext, campaign: AccessReviewRow, item: AccessReviewItemRow, parentId: number): Promise<ItemResult> {
  const stepCtx: ChangeContext = {
    ...ctx,
    parentAuditId: parentId,
    review: { campaignId: campaign.id, campaignName: campaign.name, itemId: item.id },
  };
  try {
    const reason = `Access review "${campaign.name}": ${item.reason ?? ""}`.slice(0, 1000);
    const result =
      item.decision === "remove"
        ? await removeMember(stepCtx, { provider: item.provider, memberId: item.memberId, confirmSelf: true })
        : await changeRole(stepCtx, { provider: item.provider, memberId: item.memberId, role: item.newRole!, confirmSelf: true, reason });
    // A second admin's approval is needed (an admin-level role, or the mass-change guard): the item waits for it.
    if (isApprovalRequired(result)) {
      const auditId = await stepAuditId(parentId, result.request.id);
      return {
        outcome: "waiting",
        detail: `Waits for a second admin's approval (change request ${result.request.id})`,
        auditId,
        changeRequestId: result.request.id,
      };
    }
    return { outcome: "done", detail: result.warnings.join(" ") || null, auditId: result.auditId, changeRequestId: null };
  } catch (error) {
    const auditId = await stepAuditId(parentId, item.memberId);
    const message = error instanceof Error ? error.message : String(error);
    // Roster's rules said no (last owner), the member is gone, or the provider cannot do it: skipped, with why.
    if (isRefusal(error) || (isApiError(error) && error.status < 500))
      return { outcome: "skipped", detail: message, auditId, changeRequestId: null };
    return { outcome: "failed", detail: message, auditId, changeRequestId: null };
  }
}

/** The items a run would change: decided remove / change role, not yet carried out (or failed, on retry). */
async function itemsToRun(campaignId: string, retry: boolean): Promise<AccessReviewItemRow[]> {
  const db = await getDb();
  const t = accessReviewItems;
  return db
    .select()
    .from(t)
    .where(
      and(
        eq(t.campaignId, campaignId),
        inArray(t.decision, ["remove", "change_role"]),
        retry ? eq(t.outcome, "failed") : isNull(t.outcome),
      ),
    )
    .orderBy(asc(t.id));
}

/** How many changes a run would make now (for a mass-change gate in front of `remediateReview`). */
export async function pendingChanges(campaignId: string, retry = false): Promise<number> {
  return (await itemsToRun(campaignId, retry)).length;
}

/** Runs the decisions of a closed campaign (or, with `retry`, its failed items again). */
export async function remediateReview(ctx: ChangeContext, campaignId: string, options: { retry?: boolean } = {}): Promise<ReviewDetail> {
  const campaign = await campaignRow(campaignId);
  if (campaign.status !== "closed")
    throw new ApiError("review_open", `The access review "${campaign.name}" is still open: close it to carry out its decisions`);
  const retry = options.retry ?? false;
  const items = await itemsToRun(campaignId, retry);
  if (retry && !items.length) throw new ApiError("nothing_to_retry", `The access review "${campaign.name}" has no failed items to retry`);
  if (!items.length) return reviewDetail(campaignId, ctx.operator.id);
  const db = await getDb();
  const attempt = attemptOf(ctx, {
    action: "remediate_review",
    target: { id: campaignId, email: null },
    before: null,
    after: { name: campaign.name, items: items.length, retry },
  });
  const parentId = await auditedChange(attempt, async (entry) => {
    await db.update(accessReviews).set({ remediationAuditId: entry.auditId }).where(eq(accessReviews.id, campaignId));
    let failed = 0;
    for (const item of items) {
      const result = await carryOut(ctx, campaign, item, entry.auditId);
      if (result.outcome === "failed") failed++;
      await db
        .update(accessReviewItems)
        .set({
          outcome: result.outcome,
          outcomeDetail: result.detail,
          auditId: result.auditId,
          changeRequestId: result.changeRequestId,
          remediatedAt: new Date(),
        })
        .where(eq(accessReviewItems.id, item.id));
    }
    if (failed) entry.settle({ outcome: "failure", providerMessage: `${failed} of ${items.length} changes failed` });
  });
  void parentId;
  return reviewDetail(campaignId, ctx.operator.id);
}

/** Closes an open campaign (decisions freeze) and starts its remediation run. */
export async function closeReview(ctx: ChangeContext, campaignId: string): Promise<ReviewDetail> {
  const campaign = await campaignRow(campaignId);
  if (campaign.status !== "open") throw new ApiError("review_closed", `The access review "${campaign.name}" is already closed`);
  const db = await getDb();
  const [closed] = await db
    .update(accessReviews)
    .set({ status: "closed", closedAt: new Date(), closedByEmail: ctx.operator.email })
    .where(and(eq(accessReviews.id, campaignId), eq(accessReviews.status, "open")))
    .returning({ id: accessReviews.id });
  if (!closed) throw new ApiError("review_closed", `The access review "${campaign.name}" is already closed`);
  return remediateReview(ctx, campaignId);
}
