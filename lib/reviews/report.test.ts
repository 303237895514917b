import { describe, expect, it } from "vitest";
import { csvLine } from "../csv";
import { outcomeText, REPORT_CSV_HEADER, reportRow, tally, type ReviewerTally } from "./report";
import type { ReviewItem } from "./types";

const item = (id: number, reviewer: string, extra: Partial<ReviewItem> = {}): ReviewItem => ({
  id,
  provider: "openai",
  memberId: `user-${id}`,
  email: `p${id}@example.com`,
  name: `Person ${id}`,
  role: "reader",
  adminLevel: false,
  scopedRoles: [],
  addedAt: null,
  managed: false,
  reviewer,
  decision: null,
  newRole: null,
  reason: null,
  decidedBy: null,
  decidedAt: null,
  outcome: null,
  outcomeDetail: null,
  auditId: null,
  changeRequestId: null,
  remediatedAt: null,
  ...extra,
});

describe("access review report", () => {
  it("tallies per reviewer, per decision and per outcome, across pages", () => {
    const tallies = new Map<string, ReviewerTally>();
    tally(tallies, [item(1, "a@x"), item(2, "a@x", { decision: "keep" }), item(3, "b@x", { decision: "remove", outcome: "done" })]);
    tally(tallies, [
      item(4, "b@x", { decision: "change_role", outcome: "waiting" }),
      item(5, "b@x", { decision: "remove", outcome: "failed" }),
    ]);
    expect(tallies.get("a@x")).toMatchObject({ total: 2, open: 1, decisions: { keep: 1, remove: 0, change_role: 0 } });
    expect(tallies.get("b@x")).toMatchObject({
      total: 3,
      open: 0,
      decisions: { keep: 0, remove: 2, change_role: 1 },
      outcomes: { done: 1, failed: 1, waiting: 1, skipped: 0 },
    });
  });

  it("says what happened to each item in words", () => {
    expect(outcomeText({ decision: null, outcome: null })).toBe("Not decided");
    expect(outcomeText({ decision: "keep", outcome: null })).toBe("No change");
    expect(outcomeText({ decision: "remove", outcome: null })).toBe("Not carried out yet");
    expect(outcomeText({ decision: "remove", outcome: "skipped" })).toBe("Skipped");
  });

  it("writes one CSV row per item with its audit entries, a formula kept as text", () => {
    const row = reportRow(
      item(7, "a@x", { name: '=HYPERLINK("x")', decision: "remove", reason: "left", outcome: "done", auditId: 42 }),
      40,
    );
    expect(row).toHaveLength(REPORT_CSV_HEADER.length);
    const cells = Object.fromEntries(REPORT_CSV_HEADER.map((h, i) => [h, row[i]]));
    expect(cells).toMatchObject({ decision: "Remove", outcome: "Done", audit_entry: 42, audit_run_entry: 40, reason: "left" });
    expect(csvLine(row)).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
