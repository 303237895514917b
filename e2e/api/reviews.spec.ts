import type { APIRequestContext } from "@playwright/test";
import type { AuditResponse } from "../../lib/audit/types";
import type { InviteRequestResponse } from "../../lib/invites/types";
import type { ItemsPage, ReviewDetail, ReviewItem, ReviewSummary } from "../../lib/reviews/types";
import type { ReviewerTally } from "../../lib/reviews/report";
import { E2E } from "../env";
import { expect, test } from "../fixtures";
import { ordinaryMember, roles } from "./member-helpers";

/**
 * Access reviews (issue 17, item 1) from creation to the closed report, on the e2e server:
 * the owner creates a campaign over OpenAI with the admin as its reviewer; only the
 * reviewer decides (a reason for removals and role changes); closing carries the decisions
 * out through the audited recipe: the removal reaches the sandbox and sits on the audit log
 * under the campaign's run, the admin-level grant waits for a second admin (two-person rule).
 */

const AUTH = { authorization: "Bearer sandbox" };
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();

async function itemFor(api: APIRequestContext, id: string, email: string): Promise<ReviewItem> {
  const res = await api.get(`/api/reviews/${id}/items?reviewer=me&q=${encodeURIComponent(email)}`);
  expect(res.status(), await res.text()).toBe(200);
  const page = (await res.json()) as ItemsPage;
  const item = page.items.find((i) => i.email === email);
  expect(item, `an item for ${email}`).toBeTruthy();
  return item!;
}

test("a campaign from creation to its closed report: only the reviewer decides, removals executed on the sandbox and audited, an admin-level grant through the two-person rule", async ({
  as,
}) => {
  test.setTimeout(180_000);
  const owner = await as("owner");
  const admin = await as("admin");
  const viewer = await as("viewer");
  const { membership: gone, person: goner } = await ordinaryMember(owner, "openai", 0);
  const { person: kept } = await ordinaryMember(owner, "openai", 1);
  const { person: promoted } = await ordinaryMember(owner, "openai", 2);
  const adminRole = (await roles(owner, "openai")).adminLevel.find((r) => !r.isOwner) ?? (await roles(owner, "openai")).owner;

  const created = await owner.post("/api/reviews", {
    data: {
      name: `Q4 OpenAI ${Date.now()}`,
      scope: { providers: ["openai"] },
      reviewers: { providers: { openai: E2E.operators.admin } },
      dueAt: tomorrow(),
    },
  });
  expect(created.status(), await created.text()).toBe(200);
  const review = (await created.json()) as ReviewSummary;
  expect(review.itemCount).toBeGreaterThan(3);

  const [toRemove, toKeep, toPromote] = [
    await itemFor(admin, review.id, goner.email!),
    await itemFor(admin, review.id, kept.email!),
    await itemFor(admin, review.id, promoted.email!),
  ];
  expect(toRemove).toMatchObject({ provider: "openai", memberId: gone.id, reviewer: E2E.operators.admin, decision: null });

  // Only the assigned reviewer (or an owner) decides.
  const notYours = await viewer.post(`/api/reviews/${review.id}/decisions`, {
    data: { decisions: [{ itemId: toKeep.id, decision: "keep" }] },
  });
  expect(notYours.status()).toBe(403);
  expect((await notYours.json()).error.code).toBe("not_reviewer");

  // A removal and a role change need a reason; the answer names the field.
  const noReason = await admin.post(`/api/reviews/${review.id}/decisions`, {
    data: { decisions: [{ itemId: toRemove.id, decision: "remove" }] },
  });
  expect(noReason.status()).toBe(422);
  expect(JSON.stringify(await noReason.json())).toContain("decisions.0.reason");
  const badRole = await admin.post(`/api/reviews/${review.id}/decisions`, {
    data: { decisions: [{ itemId: toPromote.id, decision: "change_role", role: "emperor", reason: "x" }] },
  });
  expect(badRole.status()).toBe(422);
  expect((await badRole.json()).error.message).toContain("decisions.0.role");

  const decided = await admin.post(`/api/reviews/${review.id}/decisions`, {
    data: {
      decisions: [
        { itemId: toRemove.id, decision: "remove", reason: "left the team" },
        { itemId: toKeep.id, decision: "keep" },
        { itemId: toPromote.id, decision: "change_role", role: adminRole.name, reason: "runs the platform now" },
      ],
    },
  });
  expect(decided.status(), await decided.text()).toBe(200);

  const progress = (await (await owner.get(`/api/reviews/${review.id}`)).json()) as ReviewDetail;
  expect(progress.progress).toEqual([{ reviewer: E2E.operators.admin, total: review.itemCount, decided: 3, open: review.itemCount - 3 }]);

  // Only an owner closes; closing carries the decisions out.
  expect((await admin.post(`/api/reviews/${review.id}/close`)).status()).toBe(403);
  const closed = await owner.post(`/api/reviews/${review.id}/close`);
  expect(closed.status(), await closed.text()).toBe(200);
  const detail = (await closed.json()) as ReviewDetail;
  expect(detail).toMatchObject({ status: "closed", closedBy: E2E.operators.owner, outcomes: { done: 1, waiting: 1 } });

  // The removal reached the sandbox.
  const onSandbox = await fetch(`${E2E.sandbox.openai}/v1/organization/users/${encodeURIComponent(gone.id)}`, { headers: AUTH });
  expect(onSandbox.status).toBe(404);

  // On the audit log: one run entry for the campaign, the removal under it naming the campaign and the item.
  const audit = (await (await owner.get(`/api/audit?action=remediate_review&pageSize=5`)).json()) as AuditResponse;
  const run = audit.events.find((e) => e.id === detail.remediationAuditId)!;
  expect(run, "the remediation run's audit entry").toBeTruthy();
  expect(run.description).toContain(review.name);
  const removal = (run.steps ?? []).find((s) => s.action === "remove_member")!;
  expect(removal).toMatchObject({
    outcome: "success",
    target: { id: gone.id },
    after: { review: { campaign: review.id, item: toRemove.id } },
  });
  const request = (run.steps ?? []).find((s) => s.action === "request_change")!;
  expect(request.after).toMatchObject({ review: { campaign: review.id, item: toPromote.id } });

  const items = (await (await owner.get(`/api/reviews/${review.id}/items?state=decided`)).json()) as ItemsPage;
  const removed = items.items.find((i) => i.id === toRemove.id)!;
  expect(removed).toMatchObject({ outcome: "done", auditId: removal.id, decidedBy: E2E.operators.admin, reason: "left the team" });
  const waiting = items.items.find((i) => i.id === toPromote.id)!;
  expect(waiting).toMatchObject({ outcome: "waiting", changeRequestId: expect.any(String) });

  // The two-person rule: the admin approves the owner's request, and the grant is made then.
  const approved = await admin.post(`/api/invite-requests/${waiting.changeRequestId}/approve`, { data: { reason: "agreed" } });
  expect(approved.status(), await approved.text()).toBe(200);
  expect(((await approved.json()) as InviteRequestResponse).request.outcome).toMatchObject({ state: "done" });

  // Decisions freeze once closed.
  const late = await admin.post(`/api/reviews/${review.id}/decisions`, { data: { decisions: [{ itemId: toKeep.id, decision: "keep" }] } });
  expect(late.status()).toBe(409);

  // The report: per reviewer, per decision, per outcome; the CSV has every item with its audit entries.
  const report = (await (await viewer.get(`/api/reviews/${review.id}/report`)).json()) as { reviewers: ReviewerTally[] };
  expect(report.reviewers).toEqual([
    {
      reviewer: E2E.operators.admin,
      total: review.itemCount,
      open: review.itemCount - 3,
      decisions: { keep: 1, remove: 1, change_role: 1 },
      outcomes: { done: 1, skipped: 0, failed: 0, waiting: 1 },
    },
  ]);
  const csv = await viewer.get(`/api/reviews/${review.id}/report/export`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines).toHaveLength(review.itemCount + 1);
  expect(lines[0]).toContain("audit_entry");
  const line = lines.find((l) => l.includes(goner.email!))!;
  expect(line).toContain("Remove");
  expect(line).toContain("left the team");
  expect(line).toContain(`,${removal.id},${run.id},`);
});

test("bad input is a 4xx naming the field; only owners create", async ({ as }) => {
  const owner = await as("owner");
  const admin = await as("admin");
  const base = { name: "bad", reviewers: { all: E2E.operators.admin }, dueAt: tomorrow() };
  const cases: Array<[unknown, string]> = [
    [{ ...base, dueAt: "2001-01-01T00:00:00Z" }, "dueAt"],
    [{ ...base, name: "" }, "name"],
    [{ ...base, reviewers: { all: "nobody@nowhere.example" } }, "reviewers.all"],
    [{ ...base, reviewers: {} }, "reviewers"],
    [{ ...base, scope: { providers: ["myspace"] } }, "scope.providers"],
    [{ ...base, scope: { inactiveDays: -3 } }, "inactiveDays"],
  ];
  for (const [data, field] of cases) {
    const res = await owner.post("/api/reviews", { data });
    expect(res.status(), `${field}: ${await res.text()}`).toBe(422);
    expect(JSON.stringify(await res.json()), field).toContain(field);
  }
  expect((await admin.post("/api/reviews", { data: base })).status()).toBe(403);
  expect((await owner.get("/api/reviews/not-a-uuid")).status()).toBe(422);
  expect((await owner.get("/api/reviews/00000000-0000-4000-8000-000000000000")).status()).toBe(404);
});
