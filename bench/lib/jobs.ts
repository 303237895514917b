import { performance } from "node:perf_hooks";
import { BENCH } from "./config";
import { sleep } from "./procs";
import { PROVIDERS, type Provider, type Sandboxes, type Session, api } from "./servers";
import { type Row, fmt, percentile, verdict } from "./stats";

/**
 * Issue 16's figure: a bulk of 1,000 role changes through the job engine (`POST /api/bulk`,
 * followed on `GET /api/bulk/{id}`), its rate with the latency the sandboxes add to every
 * call, and the users list's p95 while it runs against the same list at rest.
 */

interface UsersPage {
  people: Array<{
    email: string | null;
    memberships: Array<{ provider: Provider; id: string; role: string; status: string; kind: string; managed: boolean }>;
  }>;
}
interface RolesAnswer {
  providers: Array<{ id: Provider; roles: Array<{ id: string; name: string; scope: string; isOwner: boolean; adminLevel?: boolean }> }>;
}
interface RunView {
  id: string;
  finishedAt: string | null;
  total: number;
  counts: { queued: number; running: number; succeeded: number; failed: number };
}

/** Changes per second the bulk must reach (four at a time, each a few provider calls with the added latency). */
const TARGET_RATE = 10;
/** The users list while the bulk runs: p95 at most this times its p95 at rest. */
const TARGET_SLOWDOWN = 1.5;

/** `count` role changes, spread over the providers: each member to a plain role they do not hold. */
async function plan(session: Session, count: number) {
  const roles = await api<RolesAnswer>(session, "GET", "/api/roles");
  const items: Array<{ kind: "change_role"; provider: Provider; memberId: string; role: string }> = [];
  const plainOf = (provider: Provider) =>
    roles.providers.find((p) => p.id === provider)!.roles.filter((r) => r.scope === "organization" && !r.isOwner && !r.adminLevel);
  // Providers with two plain roles at least (OpenAI's organization has one: reader): a change between them needs no second admin.
  const eligible = PROVIDERS.filter((p) => plainOf(p).length >= 2);
  if (!eligible.length) throw new Error("no provider offers two plain roles");
  const per = Math.ceil(count / eligible.length);
  for (const provider of eligible) {
    const plain = plainOf(provider);
    let taken = 0;
    for (let page = 1; taken < per; page++) {
      const list = await api<UsersPage>(
        session,
        "GET",
        `/api/users?provider=${provider}&status=active&kind=person&pageSize=200&page=${page}`,
      );
      if (!list.people.length) break;
      for (const person of list.people) {
        const m = person.memberships.find((x) => x.provider === provider && x.status === "active" && !x.managed);
        if (!m || person.email?.endsWith("@roster.demo") || !plain.some((r) => r.name === m.role)) continue;
        const to = plain.find((r) => r.name !== m.role)!;
        items.push({ kind: "change_role", provider, memberId: m.id, role: to.id });
        if (++taken >= per) break;
      }
    }
  }
  return items.slice(0, count);
}

/** Latencies of the users list's first page, one call after another, until `stopWhen` says so. */
async function sampleUsers(session: Session, stopWhen: () => boolean): Promise<number[]> {
  const samples: number[] = [];
  while (!stopWhen()) {
    const t0 = performance.now();
    await api(session, "GET", "/api/users?pageSize=50&sort=name");
    samples.push(performance.now() - t0);
    await sleep(100);
  }
  return samples;
}

export async function measureBulk(session: Session, sandboxes: Sandboxes, count = BENCH.bulkItems): Promise<Row[]> {
  const items = await plan(session, count);
  if (items.length < count) throw new Error(`only ${items.length} members to change, ${count} wanted`);
  const restEnd = Date.now() + 5_000;
  const atRest = await sampleUsers(session, () => Date.now() > restEnd);

  const t0 = performance.now();
  const started = await api<{ run: RunView }>(session, "POST", "/api/bulk", { items });
  let run = started.run;
  let finished = false;
  const during = sampleUsers(session, () => finished);
  while (!run.finishedAt) {
    await sleep(250);
    run = (await api<{ run: RunView }>(session, "GET", `/api/bulk/${run.id}`)).run;
  }
  const seconds = (performance.now() - t0) / 1000;
  finished = true;
  const busy = await during;

  const rate = run.total / seconds;
  const rest95 = percentile(atRest, 95);
  const busy95 = percentile(busy, 95);
  const failed = run.counts.failed ? `, ${fmt.int(run.counts.failed)} failed` : "";
  return [
    {
      figure: `bulk of ${fmt.int(run.total)} role changes through the job engine`,
      measured: `${seconds.toFixed(1)} s, ${rate.toFixed(1)} changes/s (sandboxes +${sandboxes.latencyMs} ms per call${failed})`,
      target: `≥ ${TARGET_RATE} changes/s, none failed`,
      ratio: fmt.ratio(rate / TARGET_RATE),
      verdict: verdict(rate >= TARGET_RATE && run.counts.failed === 0),
    },
    {
      figure: "GET /api/users p95 while the bulk runs",
      measured: `${fmt.ms(busy95)} (at rest ${fmt.ms(rest95)}; ${busy.length} calls)`,
      target: `≤ ${TARGET_SLOWDOWN} × at rest`,
      ratio: fmt.ratio(busy95 / rest95),
      verdict: verdict(busy95 <= rest95 * TARGET_SLOWDOWN),
    },
  ];
}
