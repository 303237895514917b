import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { withTempDatabase } from "../testing/temp-db";

/** Operator management on PGlite: audited without passwords, and never without an owner. */
withTempDatabase("operators-svc");
delete process.env.ROSTER_ADMIN_EMAIL;
delete process.env.ROSTER_DEMO;

const { getDb } = await import("../db");
const { listAudit } = await import("../audit/log");
const { findActiveOperator, findOperatorForSignIn } = await import("./repository");
const { verifyPassword } = await import("../auth/password");
const { addOperator, listOperators, updateOperator } = await import("./service");

const PASSWORD = "first-owner-password-42";
/** A per-run domain, so the suite can run again against a Postgres that keeps its rows. */
const D = `run${process.pid}${Date.now()}.example.com`;
let ctx: { operator: { id: string; email: string; name: string; role: "owner" }; requestId: string };

describe("operator management", () => {
  beforeAll(async () => {
    const db = await getDb();
    await db.execute(sql`delete from operators where role = 'owner'`);
    const seed = {
      operator: { id: "00000000-0000-4000-8000-000000000000", email: "seed@example.com", name: "Seed", role: "owner" as const },
      requestId: "r0",
    };
    const { operator } = await addOperator(seed, {
      email: `  First@${D.toUpperCase()} `,
      name: "First",
      role: "owner",
      password: PASSWORD,
    });
    ctx = { operator: { id: operator.id, email: operator.email, name: operator.name, role: "owner" }, requestId: "r1" };
  });

  it("adds an operator with a normalised email and a hashed password; the audit log has neither password nor hash", async () => {
    const password = "a-one-time-password-77";
    const { operator } = await addOperator(ctx, { email: ` Ada@${D.toUpperCase()}`, name: "Ada", role: "admin", password });
    expect(operator).toMatchObject({ email: `ada@${D}`, role: "admin", disabled: false });
    expect(operator).not.toHaveProperty("passwordHash");
    const found = await findOperatorForSignIn(`ada@${D}`);
    expect(await verifyPassword(password, found?.passwordHash)).toBe(true);

    const { events } = await listAudit({ page: 1, pageSize: 500 });
    const text = JSON.stringify(events);
    expect(text).not.toContain(password);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain("scrypt$");
    expect(events[0]).toMatchObject({
      action: "add_operator",
      outcome: "success",
      target: { email: `ada@${D}` },
      after: { role: "admin" },
    });

    await expect(addOperator(ctx, { email: `ADA@${D}`, name: "Again", role: "viewer", password })).rejects.toMatchObject({
      status: 409,
      code: "already_exists",
    });
    expect((await listAudit({ page: 1, pageSize: 1 })).events[0]).toMatchObject({ action: "add_operator", outcome: "refused" });
  });

  it("changes a role and disables an operator; a disabled operator is no longer active", async () => {
    const { operator } = await addOperator(ctx, { email: `bo@${D}`, name: "Bo", role: "viewer", password: "bo-password-123456" });
    expect(await findActiveOperator(operator.id, 0)).toMatchObject({ role: "viewer", mustChangePassword: true });
    expect((await updateOperator(ctx, operator.id, { role: "requester" })).operator.role).toBe("requester");
    // The role change ended sessions of version 0; version 1 sees the new role.
    expect(await findActiveOperator(operator.id, 0)).toBeNull();
    expect((await findActiveOperator(operator.id, 1))?.role).toBe("requester");
    await updateOperator(ctx, operator.id, { disabled: true });
    expect(await findActiveOperator(operator.id, 2)).toBeNull();
    const event = (await listAudit({ page: 1, pageSize: 1, action: "update_operator" })).events[0];
    expect(event).toMatchObject({ before: { disabled: false, role: "requester" }, after: { disabled: true, role: "requester" } });
    await updateOperator(ctx, operator.id, { disabled: false });
    // Re-enabled: sessions from before the disable stay ended.
    expect(await findActiveOperator(operator.id, 1)).toBeNull();
    expect((await findActiveOperator(operator.id, 3))?.role).toBe("requester");
  });

  it("refuses to demote or disable the last enabled owner, and logs the refusal", async () => {
    const owner = ctx.operator.id;
    await expect(updateOperator(ctx, owner, { role: "admin" })).rejects.toMatchObject({ status: 409, code: "last_owner" });
    await expect(updateOperator(ctx, owner, { disabled: true })).rejects.toMatchObject({ status: 409, code: "last_owner" });
    expect((await listAudit({ page: 1, pageSize: 1 })).events[0]).toMatchObject({ action: "update_operator", outcome: "refused" });

    const { operator: second } = await addOperator(ctx, { email: `co@${D}`, name: "Co", role: "owner", password: "co-password-123456" });
    // Two owners demoting each other at once: one wins, the other is refused.
    const results = await Promise.allSettled([
      updateOperator(ctx, owner, { role: "admin" }),
      updateOperator(ctx, second.id, { role: "admin" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const owners = (await listOperators()).filter((o) => o.role === "owner" && !o.disabled);
    expect(owners).toHaveLength(1);
  });
});
