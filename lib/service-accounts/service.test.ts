import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ApprovalRequiredResponse } from "../invites/types";
import { startArthurHarness } from "../providers/arthur/test-harness";
import { withTempDatabase } from "../testing/temp-db";

/**
 * Service accounts and Arthur user operations against the Arthur sandbox, on PGlite:
 * audited, and no credential in the database, the audit log or the server log.
 */
withTempDatabase("sa-test");
const harness = await startArthurHarness(60);
process.env.ROSTER_SANDBOX = "none";
process.env.ARTHUR_BASE_URL = harness.connection.baseUrl;
process.env.ARTHUR_ACCESS_TOKEN = harness.connection.token;
// Admins act alone here (the two-person rule's requests are tested in e2e/api/change-requests.spec.ts).
process.env.ROSTER_DIRECT_INVITES = "admins";

const { getDb } = await import("../db");
const { listAudit } = await import("../audit/log");
const { auditCsv } = await import("../audit/csv");
const service = await import("./service");

/** The change done (these tests run under the direct policy: nothing waits for approval). */
async function done<T>(pending: Promise<T | ApprovalRequiredResponse>): Promise<T> {
  const result = await pending;
  if (result && typeof result === "object" && "approvalRequired" in result) throw new Error("expected the change done, got a request");
  return result as T;
}

const ctx = {
  operator: { id: "00000000-0000-4000-8000-000000000001", email: "admin@example.com", name: "Admin", role: "admin" as const },
  requestId: "req-sa-test",
};

/** Everything the server printed while `run` ran. */
async function printed<T>(run: () => Promise<T>): Promise<{ result: T; output: string }> {
  const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) => vi.spyOn(console, m));
  try {
    const result = await run();
    const output = spies.flatMap((s) => s.mock.calls.map((c) => c.map(String).join(" "))).join("\n");
    return { result, output };
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
}

/** Every row of every table, as text. */
async function databaseText(): Promise<string> {
  const db = await getDb();
  const rowsOf = (result: unknown) =>
    (result && typeof result === "object" && "rows" in result ? result.rows : result) as Array<Record<string, string>>;
  const tables = rowsOf(await db.execute(sql`select schemaname, tablename from pg_tables where schemaname in ('public', 'drizzle')`));
  const out: string[] = [];
  for (const { schemaname, tablename } of tables) {
    out.push(JSON.stringify(rowsOf(await db.execute(sql.raw(`select t::text as row from "${schemaname}"."${tablename}" t`)))));
  }
  expect(tables.map((t) => t.tablename)).toContain("audit_events");
  return out.join("\n");
}

async function auditText(): Promise<string> {
  const { events } = await listAudit({ page: 1, pageSize: 500 });
  return `${JSON.stringify(events)}\n${await auditCsv({})}`;
}

describe("Arthur service accounts and user operations", () => {
  beforeAll(async () => {
    await getDb();
  });
  afterAll(async () => {
    await harness.close();
  });

  it("creates a service account: the secret is answered once and recorded nowhere", async () => {
    const { result, output } = await printed(() => done(service.createServiceAccount(ctx, "nightly-export", "Organization Member")));
    const secret = result.credentials.clientSecret;
    expect(secret.length).toBeGreaterThan(15);
    expect(result.account).toMatchObject({ name: "nightly-export", kind: "service_account" });
    expect(output).not.toContain(secret);
    expect(await auditText()).not.toContain(secret);
    expect(await databaseText()).not.toContain(secret);
    const { events } = await listAudit({ page: 1, pageSize: 1, action: "create_service_account" });
    expect(events[0]).toMatchObject({
      outcome: "success",
      provider: "arthur",
      after: { name: "nightly-export", role: "Organization Member" },
    });

    const { accounts } = await service.listServiceAccounts();
    expect(accounts.find((a) => a.id === result.account.id)).toMatchObject({ name: "nightly-export", role: "Organization Member" });
    expect(result.role).toEqual({ name: "Organization Member" });
  });

  it("refuses a role Arthur does not have before creating anything", async () => {
    const before = (await service.listServiceAccounts()).accounts.length;
    await expect(service.createServiceAccount(ctx, "no-role", "Galactic Emperor")).rejects.toMatchObject({
      status: 422,
      code: "unknown_role",
    });
    expect((await service.listServiceAccounts()).accounts).toHaveLength(before);
  });

  it("regenerates a service account's secret, and refuses a person's", async () => {
    const { account, credentials } = await done(service.createServiceAccount(ctx, "rotating", "Organization Member"));
    const { result, output } = await printed(() => service.regenerateCredentials(ctx, account.id));
    expect(result.credentials.clientId).toBe(credentials.clientId);
    expect(result.credentials.clientSecret).not.toBe(credentials.clientSecret);
    expect(output).not.toContain(result.credentials.clientSecret);
    expect(await auditText()).not.toContain(result.credentials.clientSecret);
    expect(await databaseText()).not.toContain(result.credentials.clientSecret);

    const person = (await harness.adapter.listMembers()).find((m) => m.kind === "person")!;
    await expect(service.regenerateCredentials(ctx, person.id)).rejects.toMatchObject({ status: 422, code: "not_service_account" });
    await expect(service.regenerateCredentials(ctx, "7d1f6c8e-0000-4000-8000-000000000000")).rejects.toMatchObject({ status: 404 });
  });

  it("renames a service account and edits a person's name, audited with before and after", async () => {
    const { account } = await done(service.createServiceAccount(ctx, "old-name", "Organization Member"));
    expect((await service.renameServiceAccount(ctx, account.id, "new-name")).account.name).toBe("new-name");
    const renamed = (await listAudit({ page: 1, pageSize: 1, action: "rename_service_account" })).events[0];
    expect(renamed).toMatchObject({ before: { name: "old-name" }, after: { name: "new-name" }, outcome: "success" });

    const person = (await harness.adapter.listMembers()).find((m) => m.kind === "person")!;
    const { account: updated } = await service.updateArthurUser(ctx, person.id, { lastName: "Renamed" });
    expect(updated.name).toMatch(/ Renamed$/);
    await expect(service.updateArthurUser(ctx, account.id, { firstName: "X" })).rejects.toMatchObject({ code: "not_a_person" });
  });

  it("creates a user with a one-time password it never records; a taken email is 'already exists'", async () => {
    const password = "one-time-Pa55word-xyz";
    const input = { firstName: "Nia", lastName: "Quinn", email: "nia.quinn@example.com", password };
    const { result, output } = await printed(() => done(service.createArthurUser(ctx, input)));
    expect(result.account).toMatchObject({ email: "nia.quinn@example.com", name: "Nia Quinn" });
    expect(output).not.toContain(password);
    expect(await auditText()).not.toContain(password);
    expect(await databaseText()).not.toContain(password);

    const again = await service.createArthurUser(ctx, input).catch((e: unknown) => e);
    expect(again).toMatchObject({ status: 409, code: "already_exists" });
    expect((again as Error).message).toContain("already exists");
    const failed = (await listAudit({ page: 1, pageSize: 1, action: "create_user" })).events[0];
    expect(failed).toMatchObject({ outcome: "failure", providerStatus: 409 });
  });

  it("accepts Roster's own pending invitations", async () => {
    expect((await service.acceptArthurInvites(ctx)).ok).toBe(true);
    expect((await listAudit({ page: 1, pageSize: 1, action: "accept_invites" })).events[0].outcome).toBe("success");
  });
});
