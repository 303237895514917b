import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "../db";
import { accessReviewItems, accessReviews } from "../db/schema";
import { linkTo } from "./config";
import type { Notice, NotifyEvent } from "./events";
import { activeOperators } from "./recipients";

/** Access reviews in words: the campaign's name, counts and due date, never the people under review. */

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Items per reviewer (all of them, or only the undecided). */
async function itemsPerReviewer(campaignId: string, undecidedOnly: boolean): Promise<Map<string, number>> {
  const db = await getDb();
  const rows = await db
    .select({ reviewerId: accessReviewItems.reviewerId, n: sql<number>`count(*)::int` })
    .from(accessReviewItems)
    .where(and(eq(accessReviewItems.campaignId, campaignId), undecidedOnly ? isNull(accessReviewItems.decision) : undefined))
    .groupBy(accessReviewItems.reviewerId);
  return new Map(rows.map((r) => [r.reviewerId, Number(r.n)]));
}

const due = (at: Date) => at.toUTCString().replace(/:\d\d GMT$/, " UTC");

export async function reviewNotice(event: Extract<NotifyEvent, { kind: "review_assigned" | "review_reminder" }>): Promise<Notice | null> {
  const db = await getDb();
  const [campaign] = await db.select().from(accessReviews).where(eq(accessReviews.id, event.campaignId));
  if (!campaign || campaign.status !== "open") return null;
  const reminder = event.kind === "review_reminder";
  const counts = await itemsPerReviewer(campaign.id, reminder);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (!total) return null;
  const link = linkTo(`/reviews/${campaign.id}`);
  const summary = reminder
    ? `Access review "${campaign.name}" is due ${due(campaign.dueAt)}: ${plural(total, "item")} still undecided (${plural(counts.size, "reviewer")}).`
    : `Access review "${campaign.name}" started: ${plural(total, "item")} for ${plural(counts.size, "reviewer")}, due ${due(campaign.dueAt)}.`;
  const reviewers = await activeOperators([...counts.keys()]);
  const emails = reviewers.map((to) => {
    const mine = plural(counts.get(to.id) ?? 0, "item");
    return reminder
      ? {
          to,
          subject: `Reminder: ${mine} to review in "${campaign.name}"`,
          text: `You have ${mine} still to decide in the access review "${campaign.name}", due ${due(campaign.dueAt)}:\n${link}\n`,
        }
      : {
          to,
          subject: `You review ${mine} in "${campaign.name}"`,
          text: `You were named a reviewer of the access review "${campaign.name}": ${mine} to decide by ${due(campaign.dueAt)}:\n${link}\n`,
        };
  });
  return { summary, link, emails };
}
