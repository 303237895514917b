import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { portFrom, RosterClient, type RosterOptions, startRoster, startSandboxes, tempDataDir } from "./servers";
import { auditByRequest, loadTargets, lostChanges, send } from "./workload";

/**
 * SIGTERM (issue 6, item 2): a change held in flight by a slow provider still finishes and
 * answers 2xx, a change sent after the signal is refused, and the server closes its
 * database and exits 0; after a restart the change's success row is in the audit log.
 * On PGlite, and on Postgres when ROSTER_TEST_DATABASE_URL is set.
 */

const HOLD_MS = 4_000;

async function drainRound(ports: { sandbox: number; roster: number }, database: Pick<RosterOptions, "databaseUrl" | "dataDir">) {
  const from = new Date(Date.now() - 1_000);
  const t0 = Date.now();
  const sandboxes = await startSandboxes(ports.sandbox);
  const options: RosterOptions = { port: ports.roster, sandboxPort: ports.sandbox, ...database };
  let server = await startRoster(options);
  try {
    console.log(`started in ${Date.now() - t0} ms`);
    const admin = await new RosterClient(server.url).signIn("admin@roster.demo");
    const targets = await loadTargets(admin);
    // A real change one admin makes alone: a member whose role differs from one an admin grants alone
    // (on v1alpha1 that is Organization Member only, so a billing admin is moved to it).
    const plain = targets.roles.astronomer;
    const member = targets.members.astronomer.find((m) => plain.some((r) => r !== m.role))!;
    const role = plain.find((r) => r !== member.role)!;

    // The role change (a POST on Astronomer's side) is held by the provider for a while.
    await sandboxes.fault("astronomer", { method: "POST", latencyMs: HOLD_MS });
    const inFlight = send(
      admin,
      { kind: "change_role", requestId: randomUUID() },
      "PATCH",
      `/api/members/astronomer/${encodeURIComponent(member.id)}`,
      { role },
    );
    let early: unknown = null;
    void inFlight.then((s) => (early = s));
    await expect
      .poll(async () => early ?? (await sandboxes.requests("astronomer")).filter((r) => r.method === "POST" && r.status === 0).length, {
        intervals: [100],
      })
      .toBe(1);

    const signalled = Date.now();
    server.kill("SIGTERM");
    await expect.poll(() => server.output.join(""), { intervals: [50] }).toContain("SIGTERM: refusing new changes");
    const late = await send(
      admin,
      { kind: "change_role", requestId: randomUUID() },
      "PATCH",
      `/api/members/astronomer/${encodeURIComponent(member.id)}`,
      { role },
    );
    // Refused while draining (503), or not even connected once the server stopped listening.
    expect([0, 503], JSON.stringify(late.body)).toContain(late.status);

    const change = await inFlight;
    expect(change.status, JSON.stringify(change.body)).toBe(200);
    const exit = await server.exited;
    console.log(`SIGTERM to exit: ${Date.now() - signalled} ms (the change was held ${HOLD_MS} ms by the provider)`);
    expect(exit, server.output.join("").slice(-2000)).toEqual({ code: 0, signal: null });
    // The server's last log line (JSON lines: its output is not a terminal).
    expect(server.output.join("")).toContain('"msg":"stopped"');

    await sandboxes.clearFaults();
    server = await startRoster(options);
    const again = await new RosterClient(server.url).signIn("admin@roster.demo");
    expect(lostChanges([change], await auditByRequest(again, from))).toEqual([]);
  } finally {
    server.kill("SIGKILL");
    await server.exited;
    await sandboxes.stop();
  }
}

test.describe.configure({ mode: "serial" });

test("SIGTERM lets a change in flight finish, closes the database and exits 0 (PGlite)", async () => {
  await drainRound(
    { sandbox: portFrom("ROSTER_DRAIN_SANDBOX_PORT", 5440), roster: portFrom("ROSTER_DRAIN_PORT", 5450) },
    { dataDir: tempDataDir("drain") },
  );
});

test("SIGTERM lets a change in flight finish, closes the database and exits 0 (Postgres)", async () => {
  const url = process.env.ROSTER_TEST_DATABASE_URL;
  test.skip(!url, "ROSTER_TEST_DATABASE_URL is not set (CI sets it)");
  await drainRound(
    { sandbox: portFrom("ROSTER_DRAIN_PG_SANDBOX_PORT", 5460), roster: portFrom("ROSTER_DRAIN_PG_PORT", 5470) },
    { databaseUrl: url },
  );
});
