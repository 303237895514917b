import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The operator cache behind every request's session check (lib/operators/cache.ts): every
 * write through Roster is seen at the next read; a write it did not see (another server's)
 * within ROSTER_AUTH_CACHE_MS; a read racing a write never puts the old row back.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-operator-cache-"));
process.env.ROSTER_DATA_DIR = path.join(dataDir, "pglite");
process.env.ROSTER_AUTH_CACHE_MS = "5000";
delete process.env.ROSTER_ADMIN_EMAIL;
delete process.env.ROSTER_DEMO;

const { closeDb, getDb } = await import("../db");
const { operators } = await import("../db/schema");
const { endSessions, findActiveOperator } = await import("./repository");
const { addOperator, changeOwnPassword, updateOperator } = await import("./service");
const { cachedOperatorRow, forgetOperators } = await import("./cache");

const D = `cache${process.pid}${Date.now()}.example.com`;
const seed = {
  operator: { id: "00000000-0000-4000-8000-000000000000", email: "seed@example.com", name: "Seed", role: "owner" as const },
  requestId: "r0",
};
let n = 0;

async function fresh(role: "viewer" | "admin" = "viewer") {
  const password = `cache-test-password-${++n}`;
  const { operator } = await addOperator(seed, { email: `op${n}@${D}`, name: `Op ${n}`, role, password });
  return { ...operator, password };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("operator cache", () => {
  beforeAll(async () => {
    await getDb();
  });
  afterAll(async () => {
    await closeDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps a row for a moment: a write it did not see (another server's) shows within ROSTER_AUTH_CACHE_MS", async () => {
    const op = await fresh();
    expect(await findActiveOperator(op.id, 0)).toMatchObject({ role: "viewer" });
    const db = await getDb();
    // Straight to the table, as another server sharing the database would.
    await db
      .update(operators)
      .set({ sessionVersion: sql`${operators.sessionVersion} + 1` })
      .where(eq(operators.id, op.id));
    expect(await findActiveOperator(op.id, 0), "still the cached row").toMatchObject({ role: "viewer" });
    await sleep(5_100);
    expect(await findActiveOperator(op.id, 0), "past the cache time").toBeNull();
  });

  it("refuses at the next read after a disable, a role change, a sign-out or a password change made here", async () => {
    const a = await fresh();
    expect(await findActiveOperator(a.id, 0)).not.toBeNull();
    await updateOperator(seed, a.id, { disabled: true });
    expect(await findActiveOperator(a.id, 0), "disabled").toBeNull();

    const b = await fresh();
    expect(await findActiveOperator(b.id, 0)).toMatchObject({ role: "viewer" });
    await updateOperator(seed, b.id, { role: "admin" });
    expect(await findActiveOperator(b.id, 0), "role changed: old session").toBeNull();
    expect(await findActiveOperator(b.id, 1), "new session sees the new role").toMatchObject({ role: "admin" });

    await endSessions(b.id);
    expect(await findActiveOperator(b.id, 1), "signed out").toBeNull();

    const c = await fresh();
    const asC = { operator: { id: c.id, email: c.email, name: c.name, role: "viewer" as const }, requestId: "r2" };
    expect(await findActiveOperator(c.id, 0)).toMatchObject({ mustChangePassword: true });
    await changeOwnPassword(asC, { currentPassword: c.password, newPassword: `${c.password}-new` });
    expect(await findActiveOperator(c.id, 0), "password changed").toBeNull();
    expect(await findActiveOperator(c.id, 1)).toMatchObject({ mustChangePassword: false });
  });

  it("does not keep a row read while a write was under way", async () => {
    const id = "11111111-1111-4111-8111-111111111111";
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const old = { id, sessionVersion: 0 } as never;
    const slowRead = cachedOperatorRow(id, async () => {
      await gate;
      return old;
    });
    forgetOperators(); // a write finished while the read was out
    release();
    expect(await slowRead).toBe(old);
    let reads = 0;
    await cachedOperatorRow(id, async () => {
      reads++;
      return null;
    });
    expect(reads, "the racing read was not kept").toBe(1);
  });
});
