import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { withTempDatabase } from "../testing/temp-db";

/**
 * Runs against embedded PGlite, or real Postgres when DATABASE_URL is set
 * (npm test does both when ROSTER_TEST_DATABASE_URL is set, as in CI).
 */
const { backend } = withTempDatabase("db-test");
const suffix = `${process.pid}-${Date.now()}`;
process.env.ROSTER_ADMIN_EMAIL = `  First.Owner+${suffix}@Example.com `;
process.env.ROSTER_ADMIN_PASSWORD = "correct horse battery staple";
process.env.ROSTER_DEMO = "1";

const { getDb } = await import("../db");
const { operators } = await import("../db/schema");
const { findActiveOperator, findOperatorForSignIn } = await import("./repository");
const { writingOperators } = await import("./cache");
const { verifyPassword, hashPassword } = await import("../auth/password");

describe(`operators (${backend})`, () => {
  beforeAll(async () => {
    await getDb();
  });

  it("creates the first owner from ROSTER_ADMIN_EMAIL, normalised, with a slow hash", async () => {
    const found = await findOperatorForSignIn(`first.owner+${suffix}@example.com`);
    expect(found?.operator.role).toBe("owner");
    expect(found?.operator.email).toBe(`first.owner+${suffix}@example.com`);
    expect(found?.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(found?.passwordHash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery staple", found?.passwordHash)).toBe(true);
    expect(await verifyPassword("wrong", found?.passwordHash)).toBe(false);
  });

  it("creates one demo operator per Roster role in demo mode", async () => {
    for (const role of ["viewer", "requester", "admin", "owner"]) {
      const found = await findOperatorForSignIn(`${role}@roster.demo`);
      expect(found?.operator.role).toBe(role);
      expect(await verifyPassword("roster-demo", found?.passwordHash)).toBe(true);
    }
  });

  it("bootstrapping twice changes nothing", async () => {
    const db = await getDb();
    const before = await db.select().from(operators);
    const { ensureBootstrapOperators } = await import("./bootstrap");
    await ensureBootstrapOperators(db);
    const after = await db.select().from(operators);
    expect(after.map((o) => [o.id, o.passwordHash])).toEqual(before.map((o) => [o.id, o.passwordHash]));
  });

  it("a disabled operator is no longer active and cannot sign in", async () => {
    const db = await getDb();
    const [row] = await db
      .insert(operators)
      .values({ email: `gone-${suffix}@example.com`, name: "Gone", role: "admin", passwordHash: await hashPassword("pw") })
      .returning();
    expect((await findActiveOperator(row.id, 0))?.role).toBe("admin");
    // Written as Roster writes operators (lib/operators/cache.ts), so this server's cached row is dropped.
    await writingOperators(() => db.update(operators).set({ disabledAt: new Date() }).where(eq(operators.id, row.id)));
    expect(await findActiveOperator(row.id, 0)).toBeNull();
    expect(await findOperatorForSignIn(`gone-${suffix}@example.com`)).toBeNull();
  });

  it("the database refuses a role Roster does not have", async () => {
    const db = await getDb();
    await expect(db.insert(operators).values({ email: `bad-${suffix}@example.com`, name: "Bad", role: "superuser" })).rejects.toThrow();
  });
});
