import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Usage by member from the real OpenAI sandbox's usage API (grouped by user, day buckets),
 * stored whole per read and found per member (PGlite, or Postgres with DATABASE_URL).
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-usage-test-"));
process.env.ROSTER_DATA_DIR = path.join(dataDir, "pglite");

const { closeDb, getDb } = await import("../db");
const { startOpenAISandbox } = await import("../providers/openai/test-sandbox");
const store = await import("./usage-store");

let sb: Awaited<ReturnType<typeof startOpenAISandbox>>;
beforeAll(async () => {
  await getDb();
  sb = await startOpenAISandbox(240);
}, 120_000);
afterAll(async () => {
  await sb.running.close();
  await closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const DAY = 86_400_000;

describe("usage by member", () => {
  it("reads each user's requests over the window, the last active day included, and stores them", async () => {
    const members = await sb.adapter.listMembers();
    const since = new Date(Date.now() - 30 * DAY);
    const usage = await sb.adapter.readUsage!(since);
    // Everyone whose API key was used within the window shows up, and nobody else.
    const recent = members.filter((m) => m.lastActiveAt && Date.parse(m.lastActiveAt) >= since.getTime());
    expect(new Set(usage.map((u) => u.memberId))).toEqual(new Set(recent.map((m) => m.id)));
    for (const u of usage) {
      const member = members.find((m) => m.id === u.memberId)!;
      expect(u.requests).toBeGreaterThan(0);
      // The end of the day bucket their key was last used in.
      expect(Date.parse(u.lastActiveAt)).toBeGreaterThan(Date.parse(member.lastActiveAt!));
      expect(Date.parse(u.lastActiveAt) - Date.parse(member.lastActiveAt!)).toBeLessThanOrEqual(DAY);
    }

    expect(await store.readAndStoreUsage("openai", sb.adapter)).toBe(usage.length);
    const mine = await store.usageOf([
      { provider: "openai", id: usage[0].memberId },
      { provider: "arthur", id: usage[0].memberId },
    ]);
    expect(mine).toEqual([expect.objectContaining({ provider: "openai", memberId: usage[0].memberId, requests: usage[0].requests })]);
    // A second read replaces the first: no row twice.
    expect(await store.readAndStoreUsage("openai", sb.adapter)).toBe(usage.length);
    expect(await store.usageOf(usage.map((u) => ({ provider: "openai" as const, id: u.memberId })))).toHaveLength(usage.length);
  });
});
