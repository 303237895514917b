import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** The conditional UPDATEs that run each bulk item once, on PGlite (or Postgres with DATABASE_URL). */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-bulk-test-"));
process.env.ROSTER_DATA_DIR = path.join(dataDir, "pglite");

const { randomUUID } = await import("node:crypto");
const { closeDb, getDb } = await import("../db");
const store = await import("./bulk-store");

const operator = { id: randomUUID(), email: "admin@example.com", name: "Admin", role: "admin" as const };
const items = Array.from({ length: 5 }, (_, i) => ({
  kind: "revoke_invite" as const,
  provider: "openai" as const,
  inviteId: `invite-${i}`,
}));

describe("bulk runs in the database", () => {
  beforeAll(async () => {
    await getDb();
  }, 120_000);
  afterAll(async () => {
    await closeDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("hands each item to exactly one of many concurrent workers, and finishes the run once all are settled", async () => {
    const run = await store.insertRun({ id: randomUUID(), operator, requestId: "req-1", items });
    const lease = new Date(Date.now() + 60_000);
    const claims = await Promise.all(Array.from({ length: 8 }, () => store.claimNext(run.id, lease)));
    const claimed = claims.filter((c) => c !== null);
    // Five items, eight workers: no item twice, and the ones left over found nothing (or a later item).
    const positions = claimed.map((c) => c.item.position);
    expect(new Set(positions).size).toBe(positions.length);
    for (;;) {
      const next = await store.claimNext(run.id, lease);
      if (!next) break;
      claimed.push(next);
    }
    expect(claimed.map((c) => c.item.position).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(claimed.every((c) => !c.mayHaveRun && c.item.attempts === 1)).toBe(true);
    expect(await store.finishRunIfDone(run.id)).toBe(false);
    for (const c of claimed)
      await store.finishItem(
        c.item,
        c.item.position === 3 ? { state: "failed", error: { status: 404, code: "not_found", message: "gone" } } : { state: "succeeded" },
      );
    expect(await store.finishRunIfDone(run.id)).toBe(true);
    expect(await store.finishRunIfDone(run.id)).toBe(false);
    const view = await store.runView((await store.findRun(run.id))!);
    expect(view.counts).toEqual({ queued: 0, running: 0, succeeded: 4, failed: 1 });
    expect(view.finishedAt).not.toBeNull();

    // Retry failed only: the one failed item is queued again and the run is open again.
    expect(await store.requeueFailed(run.id)).toBe(1);
    expect((await store.findRun(run.id))!.finishedAt).toBeNull();
    const again = await store.claimNext(run.id, lease);
    expect(again?.item.position).toBe(3);
    expect(again?.item.attempts).toBe(2);
    expect(await store.claimNext(run.id, lease)).toBeNull();
  });

  it("takes up an item a dead worker held only once its lease ended, knowing it may have run; the dead worker's late result is ignored", async () => {
    const run = await store.insertRun({ id: randomUUID(), operator, requestId: "req-2", items: items.slice(0, 1) });
    const dead = await store.claimNext(run.id, new Date(Date.now() + 300));
    expect(dead).not.toBeNull();
    expect(await store.claimNext(run.id, new Date(Date.now() + 60_000))).toBeNull();
    expect(await store.nextLeaseEnd(run.id)).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const taken = await store.claimNext(run.id, new Date(Date.now() + 60_000));
    expect(taken).toMatchObject({ mayHaveRun: true, item: { attempts: 2 } });
    expect(await store.finishItem(dead!.item, { state: "failed", error: { status: null, code: "failed", message: "late" } })).toBe(false);
    expect(await store.finishItem(taken!.item, { state: "succeeded", note: "done earlier" })).toBe(true);
    expect(await store.unfinishedRunIds()).toContain(run.id);
    expect(await store.finishRunIfDone(run.id)).toBe(true);
    expect(await store.unfinishedRunIds()).not.toContain(run.id);
  });
});
