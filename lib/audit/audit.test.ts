import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { desc, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { withTempDatabase } from "../testing/temp-db";

/** The audit log on PGlite, or Postgres when DATABASE_URL is set. */
const { backend } = withTempDatabase("audit-test");
const run = `${process.pid}-${Date.now()}`;

const { getDb } = await import("../db");
const { recordAttempt, recordRefusal, recordResult, listAudit } = await import("./log");
const { verifyChain } = await import("./chain");
const { AUDIT_CSV_HEADER, auditCsv, auditCsvRows, csvCell } = await import("./csv");

const actor = { id: null, email: `auditor-${run}@example.com`, role: "admin" };
const attempt = (n: number) => ({
  actor,
  action: "change_role" as const,
  provider: "openai",
  target: { id: `user_${n}`, email: `person${n}@example.com` },
  before: { role: "reader" },
  after: { role: "owner" },
  requestId: `req-${run}-${n}`,
});

describe(`audit log (${backend})`, () => {
  it("joins each attempt with its result, newest first, and filters", async () => {
    const a1 = await recordAttempt(attempt(1));
    await recordResult(a1, attempt(1), { outcome: "success" });
    const a2 = await recordAttempt(attempt(2));
    await recordResult(a2, attempt(2), { outcome: "failure", providerStatus: 500, providerMessage: "Internal server error" });
    await recordRefusal(attempt(3), "Ada is the last owner");
    await recordAttempt(attempt(4)); // the server stopped before the result

    const { events, total } = await listAudit({ actor: actor.email, page: 1, pageSize: 10 });
    expect(total).toBe(4);
    expect(events.map((e) => [e.target.id, e.outcome])).toEqual([
      ["user_4", "pending"],
      ["user_3", "refused"],
      ["user_2", "failure"],
      ["user_1", "success"],
    ]);
    expect(events[2]).toMatchObject({ providerStatus: 500, providerMessage: "Internal server error", before: { role: "reader" } });
    const failures = await listAudit({ actor: actor.email, outcome: "failure", page: 1, pageSize: 10 });
    expect(failures.events.map((e) => e.target.id)).toEqual(["user_2"]);
    const none = await listAudit({ actor: actor.email, provider: "arthur", page: 1, pageSize: 10 });
    expect(none.total).toBe(0);
  });

  it("exports the filtered view as CSV that spreadsheets cannot execute", async () => {
    const csv = await auditCsv({ actor: actor.email, outcome: "success" });
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toMatch(/^id,parent_id,time,operator,roster_role,action,description,provider,target_id/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("user_1");
    expect(lines[1]).toContain('"{""role"":""owner""}"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
  });

  it("the CSV export pages by id: an event written while it runs is not sent twice, and every other event once", async () => {
    const exporter = { ...actor, email: `exporter-${run}@example.com` };
    for (let n = 0; n < 5; n++) await recordRefusal({ ...attempt(100 + n), actor: exporter }, "for the export test");
    const rows = auditCsvRows({ actor: exporter.email }, 2);
    const first = await rows.next();
    // Written between two pages: offset paging would shift every later page by one row.
    await recordRefusal({ ...attempt(199), actor: exporter }, "written during the export");
    const sent = [...(first.value as unknown[][])];
    for await (const batch of rows) sent.push(...batch);
    const targets = sent.map((row) => row[AUDIT_CSV_HEADER.indexOf("target_id")]);
    expect(targets).toEqual(["user_104", "user_103", "user_102", "user_101", "user_100"]);
  });

  it("the database refuses to update or delete an audit row", async () => {
    const db = await getDb();
    await recordRefusal(attempt(5), "refused for this test");
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => "accepted",
        (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ""}`,
      );
    expect(await refusal(db.execute(sql`update audit_events set outcome = 'success'`))).toMatch(/append-only \(UPDATE refused\)/);
    expect(await refusal(db.execute(sql`delete from audit_events`))).toMatch(/append-only \(DELETE refused\)/);
  });

  it("the hash chain verifies, and names the row that was edited", async () => {
    const db = await getDb();
    expect((await verifyChain(db)).ok).toBe(true);
    const { auditEvents } = await import("../db/schema");
    const [{ id, message }] = await db
      .select({ id: auditEvents.id, message: auditEvents.providerMessage })
      .from(auditEvents)
      .where(eq(auditEvents.providerStatus, 500))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    await db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    await db.execute(sql`update audit_events set provider_message = 'all good' where id = ${id}`);
    await db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
    const report = await verifyChain(db);
    expect(report.ok).toBe(false);
    expect(report.broken?.id).toBe(Number(id));
    expect(report.broken?.reason).toMatch(/changed/);

    // Put the row back: the chain verifies again (and a shared Postgres stays intact for the next run).
    await db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    await db.execute(sql`update audit_events set provider_message = ${message} where id = ${id}`);
    await db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
    expect((await verifyChain(db)).ok).toBe(true);
  });
});

describe("npm run audit:verify", () => {
  const exec = promisify(execFile);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-audit-cli-"));
  const env = {
    ...process.env,
    ROSTER_DATA_DIR: path.join(dir, "pglite"),
    DATABASE_URL: "",
    NEXTAUTH_SECRET: "",
    ROSTER_AUDIT_KEY: "cli-test-audit-key",
  };
  const tsx = path.resolve("node_modules/.bin/tsx");
  const run = (args: string[], withEnv: NodeJS.ProcessEnv = env) =>
    exec(tsx, ["--conditions=react-server", "scripts/audit-verify.ts", ...args], { env: withEnv }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("verifies unkeyed rows from before the key, then keyed rows; --head catches deleted newest rows; a deleted row in the middle is named", async () => {
    // Write rows into a database of its own (the command opens it after we close it):
    // two as Roster wrote them before the chain was keyed, then four keyed.
    const { openDatabase } = await import("../db");
    const { auditKey, hashEntry, GENESIS_HASH } = await import("./chain");
    const { auditEvents } = await import("../db/schema");
    const key = auditKey(env);
    let handle = await openDatabase(env);
    let prev = GENESIS_HASH;
    const heads: string[] = [];
    for (let n = 1; n <= 6; n++) {
      const content = {
        at: new Date(),
        kind: "attempt",
        attemptId: null,
        actorId: null,
        actorEmail: "cli@example.com",
        actorRole: "admin",
        action: "remove_member",
        provider: "arthur",
        targetId: `u${n}`,
        targetEmail: null,
        before: null,
        after: null,
        outcome: "refused",
        providerStatus: null,
        providerMessage: "last owner",
        requestId: null,
        parentId: null,
      };
      const hash = hashEntry(prev, content, n <= 2 ? null : key);
      await handle.db.insert(auditEvents).values({ ...content, prevHash: prev, hash });
      heads.push(hash);
      prev = hash;
    }
    await handle.close();
    expect(heads[1]).toMatch(/^[0-9a-f]{64}$/);
    expect(heads[5]).toMatch(/^k1:[0-9a-f]{64}$/);

    const ok = await run(["--head", heads[5]]);
    expect(ok.stdout).toContain("6 rows verified (2 of them from before the chain was keyed)");
    expect(ok.stdout).toContain(`head: row`);
    // Without the key, keyed rows cannot be checked (nor forged).
    const keyless = await run([], { ...env, ROSTER_AUDIT_KEY: "" });
    expect(keyless.code).toBe(1);
    expect(keyless.stderr).toMatch(/is keyed: set ROSTER_AUDIT_KEY/);

    // Delete the newest row: the chain alone still links, the head kept elsewhere does not.
    handle = await openDatabase(env);
    await handle.db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    await handle.db.execute(sql`delete from audit_events where target_id = 'u6'`);
    await handle.close();
    expect((await run([])).code).toBe(0);
    const truncated = await run(["--head", heads[5]]);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toMatch(/TAMPERED: the expected head .* is not in the chain/);
    // An older head is still in the chain: newer rows after it are fine.
    const older = await run([`--head=${heads[3]}`]);
    expect(older.code).toBe(0);
    expect(older.stdout).toMatch(/expected head found at row \d+ \(1 newer rows after it\)/);
    expect((await run(["--head", "not-a-hash"])).code).toBe(2);

    handle = await openDatabase(env);
    await handle.db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
    await handle.db.execute(sql`delete from audit_events where target_id = 'u2'`);
    await handle.close();
    const failed = await run([]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/TAMPERED: row 3 does not follow/);
  }, 300_000);
});
