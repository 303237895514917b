import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProviderAdapter } from "../providers/types";

/**
 * Storing changes made outside Roster (PGlite, or Postgres with DATABASE_URL) from the real
 * OpenAI sandbox's audit log: each provider event stored once however often it is read, the
 * cursor moved so a read asks only from the newest entry read, and Roster's own change
 * never stored.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-outside-test-"));
process.env.ROSTER_DATA_DIR = path.join(dataDir, "pglite");

const { closeDb, getDb } = await import("../db");
const { recordEvent } = await import("../audit/log");
const { startOpenAISandbox } = await import("../providers/openai/test-sandbox");
const store = await import("./outside-store");

let sb: Awaited<ReturnType<typeof startOpenAISandbox>>;
const asked: Date[] = [];
let adapter: ProviderAdapter;
const stored: string[] = [];

beforeAll(async () => {
  await getDb();
  sb = await startOpenAISandbox(240);
  adapter = {
    ...sb.adapter,
    readChanges: (since, options) => {
      asked.push(since);
      return sb.adapter.readChanges!(since, options);
    },
  };
  store.setOutsideChangeHook((change) => {
    stored.push(change.eventId);
  });
}, 120_000);
afterAll(async () => {
  store.setOutsideChangeHook(null);
  await sb.running.close();
  await closeDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function dashboard(body: unknown): Promise<void> {
  const res = await fetch(`${sb.running.baseUrl.replace(/\/v1$/, "")}/__sandbox/openai/outside-change`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

const page = { page: 1, pageSize: 50 };

describe("changes made outside Roster, stored", () => {
  it("stores each seeded outside change once, names members by the directory, and reads again only from its cursor", async () => {
    const members = await sb.adapter.listMembers();
    const emailOf = (id: string) => members.find((m) => m.id === id)?.email ?? null;
    const first = await store.readAndStoreOutside("openai", adapter, emailOf);
    expect(first).toEqual({ read: 3, stored: 3 });
    expect(Date.now() - asked[0].getTime()).toBeGreaterThan((store.FIRST_READ_DAYS - 1) * 86_400_000);
    const list = await store.listOutsideChanges(page);
    expect(list.total).toBe(3);
    expect(list.changes.map((c) => c.action)).toEqual(["invite_sent", "member_removed", "role_changed"]);
    const promoted = list.changes.find((c) => c.action === "role_changed")!;
    expect(promoted.email).toBe(emailOf(promoted.targetId!));
    expect(list.reads).toEqual([{ provider: "openai", lastReadAt: expect.any(String), error: null }]);

    // Read again: the same entries (the overlap) are not stored twice, and the read starts at the newest one read.
    const again = await store.readAndStoreOutside("openai", adapter, emailOf);
    expect(again?.stored).toBe(0);
    const newest = Date.parse(list.changes[0].at);
    expect(asked[1].getTime()).toBe(newest - store.CURSOR_OVERLAP_MS);
    expect((await store.listOutsideChanges(page)).total).toBe(3);
    expect(stored).toHaveLength(3);
  });

  it("stores a change made in the provider's dashboard, and not Roster's own", async () => {
    const readers = (await sb.adapter.listMembers()).filter((m) => m.role === "reader" && m.kind === "person");
    const [mine, theirs] = [readers[3], readers[4]];
    await sb.adapter.changeRole({ memberId: mine.id, role: "owner" });
    await recordEvent(
      {
        actor: { id: null, email: "admin@roster.demo", role: "admin" },
        action: "change_role",
        provider: "openai",
        target: { id: mine.id, email: mine.email },
      },
      "success",
      null,
    );
    await dashboard({ action: "role", userId: theirs.id, role: "owner" });

    const result = await store.readAndStoreOutside("openai", adapter, () => null);
    // The newest seeded entry again (the overlap), Roster's change and the dashboard's.
    expect(result).toEqual({ read: 3, stored: 1 });
    const list = await store.listOutsideChanges(page);
    expect(list.total).toBe(4);
    expect(list.changes[0]).toMatchObject({ action: "role_changed", targetId: theirs.id, role: "owner", actor: { kind: "session" } });
    expect(list.changes.some((c) => c.targetId === mine.id)).toBe(false);
    expect(await store.outsideChangesOf("nobody@example.com", [{ provider: "openai", id: theirs.id }])).toHaveLength(1);
    expect(list.recent.members).toContain(`openai:${theirs.id}`);
    expect(stored).toHaveLength(4);
  });

  it("keeps the cursor where it was when the read fails", async () => {
    const before = await store.listOutsideChanges(page);
    const failing: ProviderAdapter = { ...adapter, readChanges: () => Promise.reject(new Error("audit log unreachable")) };
    await expect(store.readAndStoreOutside("openai", failing)).rejects.toThrow("unreachable");
    const after = await store.listOutsideChanges(page);
    expect(after.reads[0].error).toBe("audit log unreachable");
    await store.readAndStoreOutside("openai", adapter);
    // From the newest entry the last good read saw (the dashboard change, made after Roster's).
    expect(asked.at(-1)!.getTime()).toBe(Date.parse(before.changes[0].at) - store.CURSOR_OVERLAP_MS);
    expect((await store.listOutsideChanges(page)).reads[0].error).toBeNull();
    expect(before.total).toBe(after.total);
  });
});
