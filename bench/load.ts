/**
 * `npm run bench:load`: Roster (production build, `next start`) against its three provider
 * sandboxes, BENCH_LOAD_CLIENTS clients (default 50) for BENCH_LOAD_SECONDS (default 60),
 * mixing reads (users list with searches, filters and sorts; person pages; audit; invites)
 * and changes (role changes back and forth on sandbox members; invite requests). Prints
 * requests, rps and p50/p95/p99 per kind, the 5xx count, the audit check (every change
 * answered 2xx has its result row) and the server's memory at start and end. Exits 1 on
 * any 5xx or lost audit entry. PGlite in a temporary directory, or Postgres from
 * BENCH_LOAD_DATABASE_URL. Ports: BENCH_LOAD_SANDBOX_PORT (5480..5482), BENCH_LOAD_PORT (5490).
 * The mass-change guard is set out of the way (ROSTER_MASS_CHANGE_THRESHOLD 1,000,000): the
 * bench's few operators make over a thousand changes a minute, and it measures changes that
 * run, not the requests they would otherwise become.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { portFrom, PROVIDERS, RosterClient, startRoster, startSandboxes, tempDataDir } from "../e2e/system/servers";
import { auditByRequest, is2xx, loadTargets, lostChanges, send, type Sent, type Targets } from "../e2e/system/workload";

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS ?? 50);

type Kind = "users" | "person" | "audit" | "invites" | "change_role" | "request_invite";

/** Weights of the mix: mostly reads, about a quarter changes. */
const MIX: Array<[Kind, number]> = [
  ["users", 40],
  ["person", 12],
  ["audit", 10],
  ["invites", 10],
  ["change_role", 20],
  ["request_invite", 8],
];

const SORTS = ["name", "email", "addedAt", "providers"];

interface Sample {
  kind: Kind;
  ms: number;
  status: number;
}

function pick<T>(list: readonly T[]): T {
  return list[Math.floor(Math.random() * list.length)];
}

function pickKind(): Kind {
  let r = Math.random() * MIX.reduce((sum, [, w]) => sum + w, 0);
  for (const [kind, weight] of MIX) if ((r -= weight) < 0) return kind;
  return "users";
}

class Load {
  readonly samples: Sample[] = [];
  readonly changes: Sent[] = [];
  /** What the first few 5xx answers said. */
  readonly errors: string[] = [];
  private invites = 0;

  constructor(
    private readonly admin: RosterClient,
    private readonly requester: RosterClient,
    private readonly viewer: RosterClient,
    private readonly targets: Targets,
  ) {}

  private note(kind: string, status: number, body: unknown) {
    if ((status >= 500 || status === 0) && this.errors.length < 5)
      this.errors.push(`${kind} ${status}: ${JSON.stringify(body).slice(0, 300)}`);
    return status;
  }

  private read(path: string) {
    return this.viewer.get(path).then((a) => this.note(path.split("?")[0], a.status, a.body));
  }

  /** Each client changes only its own members, back and forth between two roles, as one operator would. */
  private roleNow = new Map<string, string>();

  private async change(kind: "change_role" | "request_invite", client: number): Promise<number> {
    if (kind === "change_role") {
      const changeable = PROVIDERS.filter((p) => this.targets.roles[p].length > 1);
      const provider = pick(changeable);
      const members = this.targets.members[provider];
      const member = members[client % members.length];
      const key = `${provider}|${member.id}`;
      const role = this.targets.roles[provider].find((r) => r !== (this.roleNow.get(key) ?? member.role))!;
      this.roleNow.set(key, role);
      const sent = await send(
        this.admin,
        { kind, requestId: randomUUID() },
        "PATCH",
        `/api/members/${provider}/${encodeURIComponent(member.id)}`,
        { role },
      );
      this.changes.push(sent);
      return this.note(kind, sent.status, sent.body);
    }
    const provider = pick(PROVIDERS);
    const body = {
      emails: [`load-${Date.now()}-${++this.invites}@example.com`],
      providers: [{ provider, role: this.targets.roles[provider][0] }],
      reason: "Load bench",
    };
    const sent = await send(this.requester, { kind, requestId: randomUUID() }, "POST", "/api/invite-requests", body);
    this.changes.push(sent);
    return this.note(kind, sent.status, sent.body);
  }

  private once(kind: Kind, client: number): Promise<number> {
    const someone = pick(PROVIDERS.flatMap((p) => this.targets.members[p]));
    switch (kind) {
      case "users": {
        const q = Math.random() < 0.5 ? (someone.email ?? "").slice(0, 3) : "";
        const provider = Math.random() < 0.4 ? `&provider=${pick(PROVIDERS)}` : "";
        const status = Math.random() < 0.2 ? "&status=invited" : "";
        return this.read(
          `/api/users?q=${encodeURIComponent(q)}${provider}${status}&sort=${pick(SORTS)}&order=${pick(["asc", "desc"])}&page=${1 + Math.floor(Math.random() * 3)}&pageSize=50`,
        );
      }
      case "person":
        return this.read(`/api/people/${encodeURIComponent(someone.email ?? "nobody@example.com")}`);
      case "audit":
        return this.read(`/api/audit?pageSize=50${Math.random() < 0.5 ? "&action=change_role" : ""}`);
      case "invites":
        return this.read(Math.random() < 0.5 ? "/api/invites" : "/api/invite-requests?pageSize=50");
      default:
        return this.change(kind, client);
    }
  }

  async client(client: number, until: number) {
    while (Date.now() < until) {
      const kind = pickKind();
      const start = performance.now();
      let status: number;
      try {
        status = await this.once(kind, client);
      } catch {
        status = 0;
      }
      this.samples.push({ kind, ms: performance.now() - start, status });
    }
  }
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function table(samples: Sample[], seconds: number): string {
  const rows = [["kind", "requests", "rps", "p50 ms", "p95 ms", "p99 ms", "non-2xx", "5xx"]];
  const kinds = [...MIX.map(([k]) => k), "all" as const];
  for (const kind of kinds) {
    const mine = kind === "all" ? samples : samples.filter((s) => s.kind === kind);
    const ms = mine.map((s) => s.ms).sort((a, b) => a - b);
    rows.push([
      kind,
      String(mine.length),
      (mine.length / seconds).toFixed(1),
      percentile(ms, 50).toFixed(0),
      percentile(ms, 95).toFixed(0),
      percentile(ms, 99).toFixed(0),
      String(mine.filter((s) => !is2xx(s.status)).length),
      String(mine.filter((s) => s.status >= 500 || s.status === 0).length),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ")).join("\n");
}

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.log("No production build: building first (npx next build)…");
    if (spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" }).status !== 0) process.exit(2);
  }
  const sandboxPort = portFrom("BENCH_LOAD_SANDBOX_PORT", 5480);
  const databaseUrl = process.env.BENCH_LOAD_DATABASE_URL;
  const sandboxes = await startSandboxes(sandboxPort);
  const server = await startRoster({
    port: portFrom("BENCH_LOAD_PORT", 5490),
    sandboxPort,
    ...(databaseUrl ? { databaseUrl } : { dataDir: tempDataDir("load") }),
    // The production default provider timeout, not the tests' shorter one.
    env: { ROSTER_PROVIDER_TIMEOUT_MS: process.env.ROSTER_PROVIDER_TIMEOUT_MS ?? "15000", ROSTER_MASS_CHANGE_THRESHOLD: "1000000" },
  });
  try {
    const from = new Date(Date.now() - 1_000);
    const admin = await new RosterClient(server.url).signIn("admin@roster.demo");
    const requester = await new RosterClient(server.url).signIn("requester@roster.demo");
    const viewer = await new RosterClient(server.url).signIn("viewer@roster.demo");
    const targets = await loadTargets(admin);
    const rssStart = server.rssMiB();
    const counts = PROVIDERS.map((p) => `${p} ${targets.members[p].length}`).join(", ");
    console.log(
      `Roster ${server.url} (${databaseUrl ? "Postgres" : "PGlite"}), ${CLIENTS} clients for ${SECONDS} s; members to change: ${counts}`,
    );
    const load = new Load(admin, requester, viewer, targets);
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => load.client(i, until)));
    const rssEnd = server.rssMiB();

    const audit = await auditByRequest(admin, from);
    const lost = lostChanges(load.changes, audit);
    const ok = load.changes.filter((c) => is2xx(c.status)).length;
    const fiveHundreds = load.samples.filter((s) => s.status >= 500 || s.status === 0).length;
    console.log(`\n${table(load.samples, SECONDS)}\n`);
    console.log(`5xx (or no answer): ${fiveHundreds}`);
    for (const error of load.errors) console.log(`  ${error}`);
    console.log(`audit: ${ok} changes answered 2xx, ${ok - lost.length} with their success row, lost ${lost.length}`);
    console.log(`server RSS: ${rssStart} MiB at start, ${rssEnd} MiB at end`);
    if (fiveHundreds > 0 || lost.length > 0) process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
    await server.exited;
    await sandboxes.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(2);
});
