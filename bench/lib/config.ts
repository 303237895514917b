/**
 * Sizes, durations and ports of `npm run bench`, each overridable by the environment.
 * BENCH_QUICK=1 shrinks everything for a smoke run while developing.
 */

const quick = process.env.BENCH_QUICK === "1";

function int(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number of at least ${min}, got "${raw}"`);
  return n;
}

/** Ports 5600–5699 belong to the benchmark; BENCH_PORT_BASE moves the whole block. */
const base = int("BENCH_PORT_BASE", 5600, 1024);

export const BENCH = {
  quick,
  /** Members per provider for the headline sync figure (and the cold/warm start figures). */
  syncUsers: int("BENCH_SYNC_USERS", quick ? 1_000 : 10_000, 4),
  /** Members per provider for the large sync and the server-memory figure. */
  largeUsers: int("BENCH_LARGE_USERS", quick ? 2_000 : 50_000, 4),
  /** Members per provider for the API load and the browser figures. */
  queryUsers: int("BENCH_QUERY_USERS", quick ? 1_500 : 30_000, 4),
  /** Latency the sandboxes add to every answer, ms. */
  latencyMs: int("BENCH_LATENCY_MS", 50),
  /** Repetitions of each cheap figure; the median is printed. */
  repeats: int("BENCH_REPEATS", quick ? 1 : 3, 1),
  /** Repetitions of the slow naive syncs and of the cold/warm starts. */
  slowRepeats: int("BENCH_SLOW_REPEATS", quick ? 1 : 3, 1),
  /** How long the API load runs, seconds. */
  loadSeconds: int("BENCH_LOAD_SECONDS", quick ? 3 : 10, 1),
  loadConnections: int("BENCH_LOAD_CONNECTIONS", 16, 1),
  /** Role changes in the job engine's bulk figure. */
  bulkItems: int("BENCH_BULK_ITEMS", 1_000, 1),
  /** Where each server listens. */
  ports: {
    sandboxSync: base, // +0..2
    sandboxLarge: base + 10, // +0..2
    sandboxQuery: base + 20, // +0..2
    roster: base + 30,
  },
  chromium: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  /** Set BENCH_ONLY=sync,start,api,browser,memory,changes,jobs to run a subset of the figures. */
  only: new Set(
    (process.env.BENCH_ONLY ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  ),
};

export function wants(group: string): boolean {
  return BENCH.only.size === 0 || BENCH.only.has(group);
}

export const DEMO_OWNER = { email: "owner@roster.demo", password: "roster-demo" };
