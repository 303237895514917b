import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { ApiError } from "../api/errors";
import { attemptOf, auditedChange, type ChangeContext } from "../audit/change";
import { rolesFor } from "../changes/roles";
import { getDb } from "../db";
import { accessReviewItems, accessReviews, operators, type AccessReviewRow } from "../db/schema";
import { getSnapshots } from "../directory/snapshot";
import { PROVIDER_LABELS, type ProviderId } from "../providers/types";
import { notify } from "../notify";
import { scheduleReviewReminder } from "../notify/reminders";
import { itemsFor, type ItemDraft } from "./scope";
import type { CreateReviewInput, ReviewDetail, ReviewersInput, ReviewOutcome, ReviewScope, ReviewSummary } from "./types";

/**
 * Campaigns: created from the stored directory (one item per membership in scope, inserted
 * in batches), listed, shown with each reviewer's progress, and repeated (`startNextRun`).
 */

const INSERT_BATCH = 1_000;

export function notFound(id: string): ApiError {
  return new ApiError("not_found", `No access review with id "${id}"`);
}

export async function campaignRow(id: string): Promise<AccessReviewRow> {
  const db = await getDb();
  const [row] = await db.select().from(accessReviews).where(eq(accessReviews.id, id));
  if (!row) throw notFound(id);
  return row;
}

interface Reviewer {
  id: string;
  email: string;
}

/** Each named reviewer must be an operator who may sign in (422 naming the field otherwise). */
async function resolveReviewers(input: ReviewersInput): Promise<{ all?: Reviewer; providers: Partial<Record<ProviderId, Reviewer>> }> {
  const db = await getDb();
  const find = async (email: string, field: string): Promise<Reviewer> => {
    const [row] = await db
      .select({ id: operators.id, email: operators.email, disabledAt: operators.disabledAt })
      .from(operators)
      .where(eq(operators.email, email));
    if (!row || row.disabledAt) {
      throw new ApiError("invalid_input", `${field}: ${email} is not an active Roster operator`, [
        { field, message: `${email} is not an active Roster operator` },
      ]);
    }
    return { id: row.id, email: row.email };
  };
  const providers: Partial<Record<ProviderId, Reviewer>> = {};
  for (const [p, email] of Object.entries(input.providers ?? {}) as [ProviderId, string][])
    providers[p] = await find(email, `reviewers.providers.${p}`);
  return { all: input.all ? await find(input.all, "reviewers.all") : undefined, providers };
}

/** The memberships in scope, from the stored directory, with each provider's reviewer. */
async function draftItems(
  scope: ReviewScope,
  reviewers: Awaited<ReturnType<typeof resolveReviewers>>,
): Promise<Array<ItemDraft & { reviewer: Reviewer }>> {
  const views = (await getSnapshots()).filter((v) => v.provider.adapter);
  const configured = views.map((v) => v.provider.settings.id);
  const unknown = (scope.providers ?? []).filter((p) => !configured.includes(p));
  if (unknown.length) {
    throw new ApiError("invalid_input", `scope.providers: ${unknown.map((p) => PROVIDER_LABELS[p]).join(", ")} not configured`, [
      { field: "scope.providers", message: `not configured: ${unknown.join(", ")}` },
    ]);
  }
  const drafts: Array<ItemDraft & { reviewer: Reviewer }> = [];
  for (const view of views) {
    const provider = view.provider.settings.id;
    if (scope.providers?.length && !scope.providers.includes(provider)) continue;
    if (!view.state.fetchedAt)
      throw new ApiError("provider_unavailable", `${view.provider.label} has not been read yet: try again in a moment`);
    const { roles } = await rolesFor(provider);
    const items = itemsFor(scope, provider, roles, view.members);
    if (!items.length) continue;
    const reviewer = reviewers.providers[provider] ?? reviewers.all;
    if (!reviewer) {
      throw new ApiError(
        "invalid_input",
        `reviewers: nobody reviews ${view.provider.label} (name reviewers.all or reviewers.providers.${provider})`,
        [{ field: `reviewers.providers.${provider}`, message: "no reviewer for this provider" }],
      );
    }
    for (const item of items) drafts.push({ ...item, reviewer });
  }
  return drafts;
}

export function toSummary(row: AccessReviewRow): ReviewSummary {
  return {
    id: row.id,
    name: row.name,
    status: row.status as ReviewSummary["status"],
    scope: row.scope as ReviewScope,
    reviewers: row.reviewers as ReviewSummary["reviewers"],
    dueAt: row.dueAt.toISOString(),
    repeatEveryDays: row.repeatEveryDays,
    previousId: row.previousId,
    itemCount: row.itemCount,
    createdBy: row.createdByEmail,
    createdAt: row.createdAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    closedBy: row.closedByEmail,
    remediationAuditId: row.remediationAuditId,
  };
}

/** Creates a campaign and snapshots its items; audited as `create_review`. */
export async function createReview(ctx: ChangeContext, input: CreateReviewInput, previousId: string | null = null): Promise<ReviewSummary> {
  const dueAt = new Date(input.dueAt);
  const reviewers = await resolveReviewers(input.reviewers);
  const drafts = await draftItems(input.scope, reviewers);
  const stored = {
    ...(reviewers.all ? { all: reviewers.all.email } : {}),
    providers: Object.fromEntries(Object.entries(reviewers.providers).map(([p, r]) => [p, r.email])),
  };
  const attempt = attemptOf(ctx, {
    action: "create_review",
    target: { id: null, email: null },
    before: null,
    after: {
      name: input.name,
      scope: input.scope,
      reviewers: stored,
      dueAt: dueAt.toISOString(),
      items: drafts.length,
      repeatEveryDays: input.repeatEveryDays ?? null,
      previousId,
    },
  });
  let row: AccessReviewRow | undefined;
  await auditedChange(attempt, async () => {
    const db = await getDb();
    row = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(accessReviews)
        .values({
          name: input.name,
          scope: input.scope,
          reviewers: stored,
          dueAt,
          repeatEveryDays: input.repeatEveryDays ?? null,
          previousId,
          itemCount: drafts.length,
          createdBy: ctx.operator.token ? null : ctx.operator.id,
          createdByEmail: ctx.operator.email,
        })
        .returning();
      for (let i = 0; i < drafts.length; i += INSERT_BATCH) {
        await tx.insert(accessReviewItems).values(
          drafts.slice(i, i + INSERT_BATCH).map((d) => ({
            campaignId: created.id,
            provider: d.provider,
            memberId: d.memberId,
            email: d.email,
            name: d.name,
            role: d.role,
            roleId: d.roleId,
            adminLevel: d.adminLevel,
            scopedRoles: d.scopedRoles,
            addedAt: d.addedAt,
            managed: d.managed,
            reviewerId: d.reviewer.id,
            reviewerEmail: d.reviewer.email,
          })),
        );
      }
      return created;
    });
  });
  await notify({ kind: "review_assigned", campaignId: row!.id });
  await scheduleReviewReminder(row!);
  return toSummary(row!);
}

export async function listReviews(): Promise<{ reviews: ReviewSummary[] }> {
  const db = await getDb();
  const rows = await db.select().from(accessReviews).orderBy(desc(accessReviews.createdAt)).limit(200);
  return { reviews: rows.map(toSummary) };
}

export async function reviewDetail(id: string, operatorId: string): Promise<ReviewDetail> {
  const row = await campaignRow(id);
  const db = await getDb();
  const progress = await db
    .select({
      reviewer: accessReviewItems.reviewerEmail,
      reviewerId: accessReviewItems.reviewerId,
      total: sql<number>`count(*)::int`,
      decided: sql<number>`count(${accessReviewItems.decision})::int`,
    })
    .from(accessReviewItems)
    .where(eq(accessReviewItems.campaignId, id))
    .groupBy(accessReviewItems.reviewerEmail, accessReviewItems.reviewerId)
    .orderBy(accessReviewItems.reviewerEmail);
  const outcomes = await db
    .select({ outcome: accessReviewItems.outcome, n: sql<number>`count(*)::int` })
    .from(accessReviewItems)
    .where(and(eq(accessReviewItems.campaignId, id), sql`${accessReviewItems.outcome} is not null`))
    .groupBy(accessReviewItems.outcome);
  const mine = progress.filter((p) => p.reviewerId === operatorId);
  return {
    ...toSummary(row),
    progress: progress.map((p) => ({ reviewer: p.reviewer, total: p.total, decided: p.decided, open: p.total - p.decided })),
    outcomes: Object.fromEntries(outcomes.map((o) => [o.outcome as ReviewOutcome, o.n])),
    mine: { total: mine.reduce((s, p) => s + p.total, 0), open: mine.reduce((s, p) => s + p.total - p.decided, 0) },
  };
}

/**
 * The one function that starts the next run of a repeating campaign: a new campaign with the
 * same name, scope and reviewers, items snapshotted now, due as far after now as the last
 * was after its start. Answers null when the campaign does not repeat or is not due yet
 * (`repeatEveryDays` after its creation). The job engine calls it on a schedule.
 */
export async function startNextRun(ctx: ChangeContext, campaignId: string, now = new Date()): Promise<ReviewSummary | null> {
  const row = await campaignRow(campaignId);
  if (!row.repeatEveryDays) return null;
  if (now.getTime() < row.createdAt.getTime() + row.repeatEveryDays * 86_400_000) return null;
  const db = await getDb();
  const [already] = await db.select({ id: accessReviews.id }).from(accessReviews).where(eq(accessReviews.previousId, campaignId)).limit(1);
  if (already) return null;
  const stored = row.reviewers as { all?: string; providers?: Partial<Record<ProviderId, string>> };
  const span = row.dueAt.getTime() - row.createdAt.getTime();
  return createReview(
    ctx,
    {
      name: row.name,
      scope: row.scope as ReviewScope,
      reviewers: { all: stored.all, providers: stored.providers },
      dueAt: new Date(now.getTime() + Math.max(span, 86_400_000)).toISOString(),
      repeatEveryDays: row.repeatEveryDays,
    },
    campaignId,
  );
}
