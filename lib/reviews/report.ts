import { PROVIDER_LABELS } from "../providers/types";
import type { ReviewDecision, ReviewItem, ReviewOutcome } from "./types";

/**
 * The campaign report: per reviewer, per decision, per outcome; and the CSV rows (one per
 * item, with timestamps, the audit entry of its change and the run's entry it sits under). Pure, so it is tested
 * without a database; lib/reviews/export.ts streams it.
 */

export interface ReviewerTally {
  reviewer: string;
  total: number;
  open: number;
  decisions: Record<ReviewDecision, number>;
  outcomes: Record<ReviewOutcome, number>;
}

const emptyTally = (reviewer: string): ReviewerTally => ({
  reviewer,
  total: 0,
  open: 0,
  decisions: { keep: 0, remove: 0, change_role: 0 },
  outcomes: { done: 0, skipped: 0, failed: 0, waiting: 0 },
});

/** Adds items to per-reviewer tallies (called a page at a time). */
export function tally(into: Map<string, ReviewerTally>, items: readonly ReviewItem[]): Map<string, ReviewerTally> {
  for (const item of items) {
    const t = into.get(item.reviewer) ?? emptyTally(item.reviewer);
    into.set(item.reviewer, t);
    t.total++;
    if (item.decision) t.decisions[item.decision]++;
    else t.open++;
    if (item.outcome) t.outcomes[item.outcome]++;
  }
  return into;
}

export const DECISION_LABELS: Record<ReviewDecision, string> = { keep: "Keep", remove: "Remove", change_role: "Change role" };
export const OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  done: "Done",
  skipped: "Skipped",
  failed: "Failed",
  waiting: "Waiting for approval",
};

/** What happened to an item, in words (a kept item needed no change; an undecided one was never decided). */
export function outcomeText(item: Pick<ReviewItem, "decision" | "outcome">): string {
  if (!item.decision) return "Not decided";
  if (item.decision === "keep") return "No change";
  return item.outcome ? OUTCOME_LABELS[item.outcome] : "Not carried out yet";
}

export const REPORT_CSV_HEADER = [
  "item",
  "provider",
  "member_id",
  "email",
  "name",
  "role",
  "admin_level",
  "other_roles",
  "added_at",
  "managed_by_scim",
  "reviewer",
  "decision",
  "new_role",
  "reason",
  "decided_by",
  "decided_at",
  "outcome",
  "outcome_detail",
  "remediated_at",
  "audit_entry",
  "audit_run_entry",
  "change_request",
] as const;

/** One CSV row per item (cells go through lib/csv.ts, which keeps formulas as text). */
export function reportRow(item: ReviewItem, runAuditId: number | null): unknown[] {
  return [
    item.id,
    PROVIDER_LABELS[item.provider] ?? item.provider,
    item.memberId,
    item.email,
    item.name,
    item.role,
    item.adminLevel ? "yes" : "no",
    item.scopedRoles.map((s) => `${s.role} on ${s.scopeName}${s.via ? ` via ${s.via}` : ""}`).join("; "),
    item.addedAt,
    item.managed ? "yes" : "no",
    item.reviewer,
    item.decision ? DECISION_LABELS[item.decision] : "",
    item.newRole,
    item.reason,
    item.decidedBy,
    item.decidedAt,
    outcomeText(item),
    item.outcomeDetail,
    item.remediatedAt,
    item.auditId,
    item.auditId ? runAuditId : null,
    item.changeRequestId,
  ];
}
