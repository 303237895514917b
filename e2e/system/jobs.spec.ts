import { expect, test } from "@playwright/test";
import type { AuditResponse } from "../../lib/audit/types";
import type { UsersResponse } from "../../lib/directory/types";
import type { InviteRequestDetail, InviteRequestResponse } from "../../lib/invites/types";
import type { BulkRunView } from "../../lib/jobs/bulk-types";
import type { ProviderId } from "../../lib/providers/types";
import { INVITE_ROUTE } from "../api/invite-helpers";
import {
  PROVIDERS,
  portFrom,
  RosterClient,
  type RosterOptions,
  type RosterServer,
  type Sandboxes,
  startRoster,
  startSandboxes,
  tempDataDir,
} from "./servers";

/**
 * The job engine under servers that share it or die (issue 16): a scheduled job runs once
 * across two servers on one Postgres; a bulk offboard of 50 people and an approval's sending,
 * each cut by SIGKILL and resumed by a restart, end every item exactly once, with nothing
 * sent twice and the audit complete. The crash rounds run on PGlite and, when
 * ROSTER_TEST_DATABASE_URL is set, on Postgres. Ports: ROSTER_JOBS_PORT (+0..+3 Roster,
 * +10..+12 sandboxes, +20.. for the Postgres round).
 */

const BASE = portFrom("ROSTER_JOBS_PORT", 5550);
const databaseUrl = process.env.ROSTER_TEST_DATABASE_URL;
const ADMIN = "admin@roster.demo";
const OWNER = "owner@roster.demo";
const REQUESTER = "requester@roster.demo";
/** Short leases, so what a killed server held is taken up within seconds (never below four provider timeouts + 5 s for invites). */
const CRASH_ENV = { ROSTER_JOB_LEASE_SECONDS: "3", ROSTER_PROVIDER_TIMEOUT_MS: "3000" };

test.describe.configure({ mode: "serial" });

async function stop(server: RosterServer | undefined, signal: NodeJS.Signals = "SIGTERM") {
  if (!server) return;
  server.kill(signal);
  await server.exited;
}

/** The audit events since `from` of one action (every page). */
async function auditOf(client: RosterClient, action: string, from: Date) {
  const events: AuditResponse["events"] = [];
  for (let page = 1; ; page++) {
    const res = await client.get<AuditResponse>(
      `/api/audit?action=${action}&from=${encodeURIComponent(from.toISOString())}&pageSize=500&page=${page}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    events.push(...res.body.events);
    if (res.body.events.length < 500) return events;
  }
}

/** Successful calls a sandbox served, by method and route pattern. */
async function served(sandboxes: Sandboxes, provider: ProviderId, method: string, pattern?: string) {
  return (await sandboxes.requests(provider)).filter(
    (r) => r.method === method && (!pattern || r.pattern === pattern) && r.status >= 200 && r.status < 300,
  );
}

test("two servers on one Postgres: each scheduled sync runs once, on one of them, once per interval", async () => {
  test.skip(!databaseUrl, "needs ROSTER_TEST_DATABASE_URL (PGlite is one process's database)");
  const interval = 10;
  const sandboxes = await startSandboxes(BASE + 10, 60);
  const env = { ROSTER_SYNC_INTERVAL_SECONDS: String(interval), ROSTER_SYNC_FRESH_SECONDS: "0" };
  let a: RosterServer | undefined;
  let b: RosterServer | undefined;
  try {
    [a, b] = await Promise.all([
      startRoster({ port: BASE, sandboxPort: BASE + 10, databaseUrl, env }),
      startRoster({ port: BASE + 1, sandboxPort: BASE + 10, databaseUrl, env }),
    ]);
    const servers = [a, b];
    // Each server started a chain per provider at start; two runs of each provider are due within 2 intervals.
    const runs = () =>
      servers.flatMap((server, i) =>
        server.output
          .join("")
          .split("\n")
          .filter((line) => line.startsWith("{") && line.endsWith("}") && line.includes('"scheduled sync'))
          .map((line) => JSON.parse(line) as { provider: ProviderId; time: string })
          .map((entry) => ({ server: i, provider: entry.provider, at: Date.parse(entry.time) })),
      );
    await expect
      .poll(() => PROVIDERS.every((p) => runs().filter((r) => r.provider === p).length >= 2), { timeout: 45_000, intervals: [1_000] })
      .toBe(true);
    for (const provider of PROVIDERS) {
      const times = runs()
        .filter((r) => r.provider === provider)
        .map((r) => r.at)
        .sort((x, y) => x - y);
      // One chain across both servers: the next run is queued when one ends, an interval later; two chains would overlap.
      for (let i = 1; i < times.length; i++)
        expect(times[i] - times[i - 1], `${provider}: runs ${i - 1} and ${i}`).toBeGreaterThanOrEqual(interval * 1_000 - 500);
    }
  } finally {
    await Promise.all([stop(a), stop(b)]);
    await sandboxes.stop();
  }
});

/** Up to `count` people to offboard: active, on no owner role, no demo operator, managed by no IdP. */
async function offboardable(
  admin: RosterClient,
  count: number,
): Promise<Array<{ email: string; memberships: Array<{ provider: ProviderId }> }>> {
  const res = await admin.get<UsersResponse>("/api/users?status=active&kind=person&pageSize=200&sort=email");
  expect(res.status).toBe(200);
  return res.body.people
    .filter(
      (p) =>
        p.email &&
        !p.email.endsWith("@roster.demo") &&
        p.memberships.every((m) => !m.managed && !/owner|admin/i.test(m.role) && m.status === "active"),
    )
    .slice(0, count)
    .map((p) => ({ email: p.email!, memberships: p.memberships }));
}

async function bulkOffboardRound(database: Pick<RosterOptions, "databaseUrl" | "dataDir">, ports: { roster: number; sandbox: number }) {
  const sandboxes = await startSandboxes(ports.sandbox, 240);
  const options: RosterOptions = { port: ports.roster, sandboxPort: ports.sandbox, ...database, env: CRASH_ENV };
  let server = await startRoster(options);
  try {
    const from = new Date(Date.now() - 1_000);
    const admin = await new RosterClient(server.url).signIn(ADMIN);
    expect((await admin.call("POST", "/api/sync", {})).status).toBe(200);
    const people = await offboardable(admin, 50);
    expect(people.length).toBe(50);
    const memberships = Object.fromEntries(
      PROVIDERS.map((p) => [p, people.filter((x) => x.memberships.some((m) => m.provider === p)).length]),
    );
    // Every provider call takes a while, so the kill lands with items under way.
    await sandboxes.fault("all", { latencyMs: 100 });
    const started = await admin.call<{ run: BulkRunView }>("POST", "/api/bulk", {
      items: people.map((p) => ({ kind: "offboard", email: p.email })),
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const id = started.body.run.id;
    await expect
      .poll(async () => (await admin.get<{ run: BulkRunView }>(`/api/bulk/${id}`)).body.run.counts.succeeded, {
        timeout: 30_000,
        intervals: [200],
      })
      .toBeGreaterThanOrEqual(8);
    server.kill("SIGKILL");
    expect((await server.exited).signal).toBe("SIGKILL");
    const atKill = (await sandboxes.requests("openai")).length;
    expect(atKill).toBeGreaterThan(0);
    await sandboxes.clearFaults();

    server = await startRoster(options);
    const restarted = server;
    const admin2 = await new RosterClient(server.url).signIn(ADMIN);
    let run: BulkRunView | undefined;
    const finished = async () => {
      try {
        run = (await admin2.get<{ run: BulkRunView }>(`/api/bulk/${id}`)).body.run;
        return run.finishedAt !== null;
      } catch (error) {
        throw new Error(`${String(error)}; the restarted server said:\n${restarted.output.join("").slice(-4000)}`);
      }
    };
    await expect.poll(finished, { timeout: 45_000, intervals: [500] }).toBe(true);
    // A provider call a busy machine timed out fails its item alone: "Retry failed items only" takes it up.
    if (run!.counts.failed) {
      expect((await admin2.call("POST", `/api/bulk/${id}/retry`, {})).status).toBe(202);
      await expect.poll(finished, { timeout: 45_000, intervals: [500] }).toBe(true);
    }
    // Progress complete: every item ended, and succeeded (a step the killed server already made counts as done).
    expect(run!.counts, JSON.stringify(run!.items.filter((i) => i.state !== "succeeded"))).toEqual({
      queued: 0,
      running: 0,
      succeeded: 50,
      failed: 0,
    });
    // The sandboxes: each membership removed exactly once.
    for (const provider of PROVIDERS) {
      const removals = (await served(sandboxes, provider, "DELETE")).filter(
        (r) => /users/.test(r.pattern ?? "") && !/workspaces|invites|groups/.test(r.pattern ?? ""),
      );
      expect(removals.length, `${provider}: one removal per membership`).toBe(memberships[provider]);
    }
    expect((await admin2.call("POST", "/api/sync", {})).status).toBe(200);
    for (const person of people.slice(0, 10)) {
      const left = await admin2.get<UsersResponse>(`/api/users?q=${encodeURIComponent(person.email)}`);
      expect(left.body.total, person.email).toBe(0);
    }
    // The audit: one successful "Remove everywhere" per person, and nothing left pending once the sweep closed the interrupted ones.
    await expect
      .poll(async () => (await auditOf(admin2, "offboard", from)).filter((e) => e.outcome === "pending").length, {
        timeout: 60_000,
        intervals: [2_000],
      })
      .toBe(0);
    const done = (await auditOf(admin2, "offboard", from)).filter((e) => e.outcome === "success");
    expect(new Set(done.map((e) => e.target.email)).size).toBe(50);
  } finally {
    await stop(server, "SIGKILL");
    await sandboxes.stop();
  }
}

async function sendingRound(database: Pick<RosterOptions, "databaseUrl" | "dataDir">, ports: { roster: number; sandbox: number }) {
  const sandboxes = await startSandboxes(ports.sandbox, 60);
  const options: RosterOptions = { port: ports.roster, sandboxPort: ports.sandbox, ...database, env: CRASH_ENV };
  let server = await startRoster(options);
  try {
    const from = new Date(Date.now() - 1_000);
    const requester = await new RosterClient(server.url).signIn(REQUESTER);
    const owner = await new RosterClient(server.url).signIn(OWNER);
    const roles = (
      await owner.get<{
        providers: Array<{ id: ProviderId; roles: Array<{ name: string; scope: string; isOwner: boolean; adminLevel: boolean }> }>;
      }>("/api/roles")
    ).body;
    const role = (p: ProviderId) =>
      roles.providers.find((x) => x.id === p)!.roles.find((r) => r.scope === "organization" && !r.isOwner && !r.adminLevel)!.name;
    const tag = Date.now().toString(36);
    const emails = Array.from({ length: 20 }, (_, i) => `jobs-${tag}-${i}@example.com`);
    const asked = await requester.call<InviteRequestResponse>("POST", "/api/invite-requests", {
      emails,
      providers: PROVIDERS.map((p) => ({ provider: p, role: role(p) })),
      reason: "Sending cut by SIGKILL",
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    const id = asked.body.request.id;
    await sandboxes.fault("all", { latencyMs: 100 });
    const approved = await owner.call<InviteRequestResponse>("POST", `/api/invite-requests/${id}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(202);
    const detail = async (client: RosterClient) =>
      (await client.get<InviteRequestResponse>(`/api/invite-requests/${id}`)).body.request as InviteRequestDetail;
    await expect.poll(async () => (await detail(owner)).counts.sent, { timeout: 30_000, intervals: [200] }).toBeGreaterThanOrEqual(6);
    server.kill("SIGKILL");
    expect((await server.exited).signal).toBe("SIGKILL");
    await sandboxes.clearFaults();

    server = await startRoster(options);
    const owner2 = await new RosterClient(server.url).signIn(OWNER);
    let request: InviteRequestDetail | undefined;
    await expect
      .poll(
        async () => {
          request = await detail(owner2);
          return request.counts.queued + request.counts.sending;
        },
        { timeout: 45_000, intervals: [500] },
      )
      .toBe(0);
    // A send a busy machine timed out (and the provider shows no invite for) fails alone: the retry sends it, checking first.
    if (request!.counts.failed) {
      expect((await owner2.call("POST", `/api/invite-requests/${id}/retry`, {})).status).toBe(200);
      request = await detail(owner2);
    }
    // Every item ended as sent: the ones the killed server had sent unrecorded were found on the provider, not sent again.
    expect(request!.counts, JSON.stringify(request!.items.filter((i) => i.state !== "sent"))).toMatchObject({
      sent: 60,
      failed: 0,
      skipped: 0,
    });
    for (const provider of PROVIDERS) {
      const posts = await served(sandboxes, provider, "POST", INVITE_ROUTE[provider].pattern);
      const perEmail = new Map<string, number>();
      for (const post of posts) {
        const email = String(INVITE_ROUTE[provider].email((post.body ?? {}) as Record<string, unknown>)).toLowerCase();
        perEmail.set(email, (perEmail.get(email) ?? 0) + 1);
      }
      for (const email of emails) expect(perEmail.get(email) ?? 0, `${email} on ${provider}`).toBe(1);
    }
    // The audit: one successful send per email and provider; nothing left pending.
    await expect
      .poll(async () => (await auditOf(owner2, "send_invite", from)).filter((e) => e.outcome === "pending").length, {
        timeout: 60_000,
        intervals: [2_000],
      })
      .toBe(0);
    const sends = (await auditOf(owner2, "send_invite", from)).filter((e) => e.outcome === "success");
    const keys = sends.map((e) => `${e.target.email}|${e.provider}`);
    expect(new Set(keys).size).toBe(60);
    expect(keys.length).toBe(60);
  } finally {
    await stop(server, "SIGKILL");
    await sandboxes.stop();
  }
}

test("SIGKILL during a bulk offboard of 50 people: after a restart every item ends exactly once (PGlite)", async () => {
  await bulkOffboardRound({ dataDir: tempDataDir("jobs-bulk") }, { roster: BASE + 2, sandbox: BASE + 10 });
});

test("SIGKILL during an approval's sending: after a restart nothing is sent twice and every item ends (PGlite)", async () => {
  await sendingRound({ dataDir: tempDataDir("jobs-send") }, { roster: BASE + 3, sandbox: BASE + 13 });
});

test("SIGKILL during a bulk offboard of 50 people: after a restart every item ends exactly once (Postgres)", async () => {
  test.skip(!databaseUrl, "ROSTER_TEST_DATABASE_URL is not set (CI sets it)");
  await bulkOffboardRound({ databaseUrl }, { roster: BASE + 20, sandbox: BASE + 30 });
});

test("SIGKILL during an approval's sending: after a restart nothing is sent twice and every item ends (Postgres)", async () => {
  test.skip(!databaseUrl, "ROSTER_TEST_DATABASE_URL is not set (CI sets it)");
  await sendingRound({ databaseUrl }, { roster: BASE + 21, sandbox: BASE + 33 });
});
