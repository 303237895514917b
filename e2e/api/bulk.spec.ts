import type { APIRequestContext } from "@playwright/test";
import type { BulkRunView } from "../../lib/jobs/bulk-types";
import { apiAs, expect, sandbox, test } from "../fixtures";
import { lastAudit, people, roles } from "./member-helpers";

/** Bulk changes on the server (lib/jobs/bulk.ts): answered 202 at once, run by the job engine, followed item by item. */

async function untilFinished(api: APIRequestContext, id: string): Promise<BulkRunView> {
  let run: BulkRunView | undefined;
  await expect
    .poll(
      async () => {
        const res = await api.get(`/api/bulk/${id}`);
        expect(res.status(), await res.text()).toBe(200);
        run = ((await res.json()) as { run: BulkRunView }).run;
        return run.finishedAt !== null;
      },
      { timeout: 60_000, intervals: [250, 500, 1_000] },
    )
    .toBe(true);
  return run!;
}

test.describe("bulk changes", () => {
  test.beforeEach(async ({ as }) => {
    await sandbox.reset();
    await (await as("viewer")).post("/api/sync", { data: {} });
  });
  test.afterAll(async () => {
    // Leave the seed, and Roster's view of it, as the other suites expect.
    await sandbox.reset();
    const viewer = await apiAs("viewer");
    await viewer.post("/api/sync", { data: {} });
    await viewer.dispose();
  });

  test("role changes and removals run on the server: 202 at once, each item audited, a failed one retried alone", async ({ as }) => {
    const admin = await as("admin");
    const { plain } = await roles(admin, "openai");
    const target = plain.find((r) => r.name === "reader") ?? plain[0];
    const list = await people(admin, "provider=openai&status=active&kind=person");
    const members = list.people
      .map((p) => p.memberships.find((m) => m.provider === "openai" && m.status === "active" && !m.managed && m.role !== target.name))
      .filter((m) => m !== undefined)
      .slice(0, 4);
    expect(members.length).toBe(4);
    const items = [
      ...members.slice(0, 3).map((m) => ({ kind: "change_role" as const, provider: "openai" as const, memberId: m.id, role: target.id })),
      { kind: "remove_member" as const, provider: "openai" as const, memberId: members[3].id },
      // No such member: fails with the reason, the others go on.
      { kind: "remove_member" as const, provider: "openai" as const, memberId: "user-no-such-member" },
    ];
    const res = await admin.post("/api/bulk", { data: { items } });
    expect(res.status(), await res.text()).toBe(202);
    const { run: started } = (await res.json()) as { run: BulkRunView };
    expect(started.total).toBe(5);
    expect(started.finishedAt).toBeNull();

    const run = await untilFinished(admin, started.id);
    expect(run.counts).toEqual({ queued: 0, running: 0, succeeded: 4, failed: 1 });
    expect(run.items[4]).toMatchObject({ state: "failed", error: { status: 404, code: "not_found" } });
    for (const item of run.items.slice(0, 4)) expect(item.auditId, JSON.stringify(item)).not.toBeNull();
    const event = await lastAudit(admin, "provider=openai&action=remove_member&outcome=success");
    expect(event).toMatchObject({ target: { id: members[3].id }, actor: { email: "admin@roster.demo" } });

    const retry = await admin.post(`/api/bulk/${run.id}/retry`, { data: {} });
    expect(retry.status(), await retry.text()).toBe(202);
    expect(((await retry.json()) as { retried: number }).retried).toBe(1);
    const again = await untilFinished(admin, run.id);
    // Only the failed item ran again: the others kept their single attempt.
    expect(again.items.map((i) => i.attempts)).toEqual([1, 1, 1, 1, 2]);
    expect(again.counts.succeeded).toBe(4);
  });

  test("refuses what it cannot run with a clear 4xx: bad items, too many, a viewer, an unknown run", async ({ as }) => {
    const admin = await as("admin");
    const bad = await admin.post("/api/bulk", { data: { items: [{ kind: "rename", provider: "openai" }] } });
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error.message).toMatch(/kind must be/);
    const empty = await admin.post("/api/bulk", { data: { items: [] } });
    expect(empty.status()).toBe(422);
    const many = Array.from({ length: 1_001 }, (_, i) => ({ kind: "revoke_invite", provider: "openai", inviteId: `invite-${i}` }));
    const tooMany = await admin.post("/api/bulk", { data: { items: many } });
    expect(tooMany.status()).toBe(422);
    expect((await tooMany.json()).error.message).toMatch(/at most 1000/);
    const viewer = await as("viewer");
    expect(
      (await viewer.post("/api/bulk", { data: { items: [{ kind: "revoke_invite", provider: "openai", inviteId: "x" }] } })).status(),
    ).toBe(403);
    expect((await admin.get("/api/bulk/00000000-0000-4000-8000-000000000000")).status()).toBe(404);
    expect((await admin.get("/api/bulk/not-a-uuid")).status()).toBe(422);
  });
});
