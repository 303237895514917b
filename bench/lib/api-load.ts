import { PROVIDER_IDS } from "../../lib/providers/catalog";
import http from "node:http";
import { BENCH } from "./config";
import { type Session, api } from "./servers";
import { type Row, fmt, log, percentile, verdict } from "./stats";

/**
 * Figure 4: `GET /api/users` under load. A fixed set of keep-alive connections, each
 * sending its next request as soon as the last one answered, over a mix of searches,
 * filters, sorts and pages drawn from the directory itself.
 */

interface UsersPage {
  total: number;
  people: Array<{ email: string | null; name: string }>;
  facets?: { roles?: Array<{ provider: string; role: string }> };
}

/** Deterministic pseudo-random numbers, so every run sends the same mix. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** Queries like an operator's: search words and fragments, filters, sorts, later pages. */
export function queryMix(sample: UsersPage, count = 400): string[] {
  const words = new Set<string>();
  for (const p of sample.people) {
    for (const w of p.name
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w.length > 2)) {
      words.add(w);
      words.add(w.slice(0, 3));
    }
    if (p.email) words.add(p.email.split("@")[0].slice(0, 5));
  }
  const terms = [...words, "zzqx", "", "", ""];
  const roles = (sample.facets?.roles ?? []).map((r) => r.role);
  const sorts = ["name", "email", "addedAt", "providers"];
  const rand = prng(42);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const pages = Math.max(1, Math.floor(sample.total / 50));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const q = new URLSearchParams();
    const term = pick(terms);
    if (term) q.set("q", term);
    if (rand() < 0.3) q.set("provider", pick([...PROVIDER_IDS, `${PROVIDER_IDS[0]},${PROVIDER_IDS.at(-1)}`]));
    if (rand() < 0.2) q.set("status", pick(["active", "invited"]));
    if (rand() < 0.15) q.set("kind", pick(["person", "service_account"]));
    if (rand() < 0.15 && roles.length) q.set("role", pick(roles));
    q.set("sort", pick(sorts));
    q.set("order", rand() < 0.5 ? "asc" : "desc");
    if (!term && rand() < 0.6) q.set("page", String(1 + Math.floor(rand() * Math.min(pages, 400))));
    q.set("pageSize", pick(["50", "50", "100"]));
    out.push(`/api/users?${q}`);
  }
  return out;
}

function get(agent: http.Agent, session: Session, path: string): Promise<number> {
  const url = new URL(path, session.baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.get(
      { agent, hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers: { cookie: session.cookie } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
  });
}

export interface LoadResult {
  latencies: number[];
  errors: number;
  seconds: number;
}

export async function runLoad(session: Session, paths: string[], seconds: number, connections: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      const path = paths[next++ % paths.length];
      const t = performance.now();
      const status = await get(agent, session, path).catch(() => 0);
      if (status === 200) latencies.push(performance.now() - t);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { latencies, errors, seconds: elapsed };
}

/** The framework's floor: a route that reads no session and no database. */
const HEALTH = "/api/health";

/** The run with the median p95 speaks for all. */
function medianP95(runs: LoadResult[]): LoadResult {
  const byP95 = [...runs].sort((a, b) => percentile(a.latencies, 95) - percentile(b.latencies, 95));
  return byP95[Math.floor(byP95.length / 2)];
}

export async function measureApiLoad(session: Session): Promise<Row[]> {
  const sample = await api<UsersPage>(session, "GET", "/api/users?pageSize=200");
  log(`api load: ${fmt.int(sample.total)} people in the directory`);
  const paths = queryMix(sample);
  // Warm-up: the first requests build caches and JIT the handlers.
  await runLoad(session, paths, Math.min(2, BENCH.loadSeconds), BENCH.loadConnections);
  const runs: LoadResult[] = [];
  const floors: LoadResult[] = [];
  for (let i = 0; i < BENCH.repeats; i++) {
    // The framework's floor, interleaved: the health route (no session, no database) under the same load.
    floors.push(await runLoad(session, [HEALTH], BENCH.loadSeconds, BENCH.loadConnections));
    const f = floors.at(-1)!;
    log(
      `api floor run ${i + 1}: ${HEALTH} p50 ${fmt.ms(percentile(f.latencies, 50))}, p95 ${fmt.ms(percentile(f.latencies, 95))}, ${(f.latencies.length / f.seconds).toFixed(0)} req/s`,
    );
    runs.push(await runLoad(session, paths, BENCH.loadSeconds, BENCH.loadConnections));
    const r = runs.at(-1)!;
    log(
      `api load run ${i + 1}: ${r.latencies.length} ok, ${r.errors} errors, p50 ${fmt.ms(percentile(r.latencies, 50))}, ` +
        `p95 ${fmt.ms(percentile(r.latencies, 95))}, p99 ${fmt.ms(percentile(r.latencies, 99))}, ${(r.latencies.length / r.seconds).toFixed(0)} req/s`,
    );
  }
  const mid = medianP95(runs);
  const p95 = percentile(mid.latencies, 95);
  const errors = runs.reduce((n, r) => n + r.errors, 0);
  const floor = medianP95(floors);
  const floorP95 = percentile(floor.latencies, 95);
  const where = `${fmt.int(sample.total)} people from ${fmt.int(BENCH.queryUsers)} members each, ${BENCH.loadConnections} connections`;
  return [
    {
      figure: `GET /api/users p95, varied queries (${where})`,
      measured: `p50 ${fmt.ms(percentile(mid.latencies, 50))} · p95 ${fmt.ms(p95)} · p99 ${fmt.ms(percentile(mid.latencies, 99))}`,
      target: `p95 ≤ 30 ms and ≤ 2 × the floor's (${fmt.ms(floorP95)})`,
      ratio: `${fmt.ratio(p95 / 30)} target · ${fmt.ratio(p95 / floorP95)} floor`,
      verdict: errors > 0 ? "error" : verdict(p95 <= 30 && p95 <= 2 * floorP95),
    },
    {
      figure: `  the framework's floor: GET ${HEALTH} p95 (same load, interleaved)`,
      measured: `p50 ${fmt.ms(percentile(floor.latencies, 50))} · p95 ${fmt.ms(floorP95)} · ${(floor.latencies.length / floor.seconds).toFixed(0)} req/s`,
      target: "reported",
      ratio: "",
      verdict: floors.some((r) => r.errors > 0) ? "error" : "info",
    },
    {
      figure: "  requests per second (same runs)",
      measured: `${(mid.latencies.length / mid.seconds).toFixed(0)} req/s${errors ? `, ${errors} errors` : ""}`,
      target: "reported",
      ratio: "",
      verdict: "info",
    },
  ];
}
