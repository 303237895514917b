import { allProviderSettings } from "../../lib/config";
import { providerModule } from "../../lib/providers/modules";
import type { ProviderAdapter } from "../../lib/providers/types";
import { BENCH } from "./config";
import type { Sandboxes } from "./servers";
import { type Row, fmt, log, median, verdict } from "./stats";

/**
 * Figure 1: a cold sync of every provider, in this process, through Roster's own
 * adapters over real HTTP to the sandboxes: every member list and (where the provider
 * has one) every invite list. Against the floor the pagination styles set, and against
 * the naive way (one page at a time, one provider after another) in the same run.
 */

/** Adapters built fresh for each run: a limiter is sized (ROSTER_PAGE_CONCURRENCY) when its adapter is built. */
function freshAdapters(sandboxes: Sandboxes, pageConcurrency?: number): ProviderAdapter[] {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ROSTER_SANDBOX: "all",
    ROSTER_SANDBOX_PORT: String(sandboxes.basePort),
  };
  const saved = process.env.ROSTER_PAGE_CONCURRENCY;
  if (pageConcurrency === undefined) delete process.env.ROSTER_PAGE_CONCURRENCY;
  else process.env.ROSTER_PAGE_CONCURRENCY = String(pageConcurrency);
  try {
    return allProviderSettings(env).map((s) => providerModule(s.id).createAdapter(s.connection!));
  } finally {
    if (saved === undefined) delete process.env.ROSTER_PAGE_CONCURRENCY;
    else process.env.ROSTER_PAGE_CONCURRENCY = saved;
  }
}

async function readProvider(adapter: ProviderAdapter, together: boolean): Promise<number> {
  const invites = () => (adapter.capabilities.listInvites ? adapter.listInvites() : Promise.resolve([]));
  if (together) {
    const [m, i] = await Promise.all([adapter.listMembers(), invites()]);
    return m.length + i.length;
  }
  const m = await adapter.listMembers();
  const i = await invites();
  return m.length + i.length;
}

interface SyncRun {
  ms: number;
  items: number;
  /** When each provider was done, for the log: "openai 5.2 s". */
  done?: string;
}

/** Roster's way: every provider at once, each at its normal page concurrency. */
async function parallelSync(sandboxes: Sandboxes): Promise<SyncRun> {
  const adapters = freshAdapters(sandboxes);
  const start = performance.now();
  const done: string[] = [];
  const counts = await Promise.all(
    adapters.map((a) =>
      readProvider(a, true).then((n) => {
        done.push(`${a.id} ${fmt.ms(performance.now() - start)}`);
        return n;
      }),
    ),
  );
  return { ms: performance.now() - start, items: counts.reduce((a, b) => a + b, 0), done: done.join(", ") };
}

/** The naive way: one page at a time (ROSTER_PAGE_CONCURRENCY=1), one provider after another. */
async function naiveSync(sandboxes: Sandboxes): Promise<SyncRun> {
  const adapters = freshAdapters(sandboxes, 1);
  const start = performance.now();
  let items = 0;
  for (const a of adapters) items += await readProvider(a, false);
  return { ms: performance.now() - start, items };
}

/** OpenAI's cursor reads ceil(n/100) pages one after another; the others need two round trips. */
export function floorMs(users: number, latencyMs: number): number {
  return Math.max(Math.ceil(users / 100) * latencyMs, 2 * latencyMs);
}

export async function measureSync(sandboxes: Sandboxes, label: string): Promise<Row[]> {
  const floor = floorMs(sandboxes.users, sandboxes.latencyMs);
  const fast: SyncRun[] = [];
  const naive: SyncRun[] = [];
  // Alternate, so both ways see the same machine load.
  for (let i = 0; i < Math.max(BENCH.repeats, BENCH.slowRepeats); i++) {
    if (i < BENCH.repeats) {
      fast.push(await parallelSync(sandboxes));
      log(
        `sync ${label}: parallel ${fmt.ms(fast.at(-1)!.ms)} (${fmt.int(fast.at(-1)!.items)} members + invites; done: ${fast.at(-1)!.done})`,
      );
    }
    if (i < BENCH.slowRepeats) {
      naive.push(await naiveSync(sandboxes));
      log(`sync ${label}: naive ${fmt.ms(naive.at(-1)!.ms)} (${fmt.int(naive.at(-1)!.items)} members + invites)`);
    }
  }
  const fastMs = median(fast.map((r) => r.ms));
  const naiveMs = median(naive.map((r) => r.ms));
  const where = `${fmt.int(sandboxes.users)} members each, ${sandboxes.latencyMs} ms latency`;
  return [
    {
      figure: `cold sync, all 3 providers (${where})`,
      measured: fmt.ms(fastMs),
      target: `≤ 1.15 × floor ${fmt.ms(floor)} = ${fmt.ms(floor * 1.15)}`,
      ratio: `${fmt.ratio(fastMs / floor)} floor`,
      verdict: verdict(fastMs <= floor * 1.15),
    },
    {
      figure: `  the same, naive (page after page, provider after provider)`,
      measured: fmt.ms(naiveMs),
      target: "reported",
      ratio: `${fmt.ratio(naiveMs / fastMs)} Roster's`,
      verdict: "info",
    },
  ];
}
