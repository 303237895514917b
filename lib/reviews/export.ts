import "server-only";
import { csvResponse } from "../csv";
import { campaignRow, reviewDetail } from "./campaigns";
import { listItems } from "./items";
import { REPORT_CSV_HEADER, reportRow, tally, type ReviewerTally } from "./report";
import type { Operator } from "../auth/roles";
import type { ReviewDetail, ReviewItem } from "./types";

/** The report of a campaign: tallies as JSON, and every item as a streamed CSV (a page of items per pull). */

const PAGE = 500;

async function* itemPages(campaignId: string, operator: Operator): AsyncGenerator<ReviewItem[]> {
  let after: number | undefined;
  for (;;) {
    const page = await listItems(campaignId, operator, { after, limit: PAGE });
    if (page.items.length) yield page.items;
    if (page.next === null) return;
    after = page.next;
  }
}

export async function reviewReport(campaignId: string, operator: Operator): Promise<{ review: ReviewDetail; reviewers: ReviewerTally[] }> {
  const review = await reviewDetail(campaignId, operator.id);
  const tallies = new Map<string, ReviewerTally>();
  for await (const items of itemPages(campaignId, operator)) tally(tallies, items);
  return { review, reviewers: [...tallies.values()].sort((a, b) => a.reviewer.localeCompare(b.reviewer)) };
}

export async function reviewCsvResponse(campaignId: string, operator: Operator): Promise<Response> {
  const campaign = await campaignRow(campaignId);
  async function* rows(): AsyncGenerator<unknown[][]> {
    for await (const items of itemPages(campaignId, operator)) yield items.map((item) => reportRow(item, campaign.remediationAuditId));
  }
  const stem = `roster-access-review-${campaign.name.replace(/[^\w-]+/g, "-").slice(0, 60)}-${campaign.id.slice(0, 8)}`;
  return csvResponse(stem, REPORT_CSV_HEADER, rows());
}
