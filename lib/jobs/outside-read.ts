import { getSnapshots } from "../directory/snapshot";
import { readAndStoreOutside } from "../governance/outside-store";
import { readAndStoreUsage } from "../governance/usage-store";
import { log } from "../log";
import { configuredProviders } from "../providers/registry";
import type { ProviderAdapter, ProviderId } from "../providers/types";
import { defineQueue, jobs } from "./engine";

/**
 * Background reads of what providers log beyond their members, on a clock like the scheduled
 * sync (lib/jobs/scheduled.ts): one recipe, two reads.
 * - `outside-read`: each provider's audit log (OpenAI's), for changes made outside Roster,
 *   every ROSTER_OUTSIDE_INTERVAL_SECONDS (default 900) and once more after each sync of it.
 * - `usage-read`: each provider's usage by member (OpenAI's usage API), every
 *   ROSTER_USAGE_INTERVAL_SECONDS (default 3600): its own freshness, never on a request.
 * Each is a chain of delayed jobs, one per provider waiting at a time (`stately`); the read
 * after a sync has its own singleton key, so a waiting chain job does not swallow it, and it
 * does not extend the chain.
 */

interface ProviderRead {
  queue: string;
  variable: string;
  defaultSeconds: number;
  canRead(adapter: ProviderAdapter): boolean;
  read(provider: ProviderId, adapter: ProviderAdapter): Promise<unknown>;
}

/** One read of one provider's audit log into the store, naming members from the directory as it is. */
async function readOutside(provider: ProviderId, adapter: ProviderAdapter): Promise<unknown> {
  const view = (await getSnapshots()).find((v) => v.provider.settings.id === provider);
  const emails = new Map((view?.members ?? []).map((m) => [m.id, m.email]));
  return readAndStoreOutside(provider, adapter, (id) => emails.get(id) ?? null);
}

export const OUTSIDE_READ: ProviderRead = {
  queue: "outside-read",
  variable: "ROSTER_OUTSIDE_INTERVAL_SECONDS",
  defaultSeconds: 900,
  canRead: (adapter) => Boolean(adapter.readChanges),
  read: readOutside,
};

export const USAGE_READ: ProviderRead = {
  queue: "usage-read",
  variable: "ROSTER_USAGE_INTERVAL_SECONDS",
  defaultSeconds: 3600,
  canRead: (adapter) => Boolean(adapter.readUsage),
  read: (provider, adapter) => readAndStoreUsage(provider, adapter),
};

const READS = [OUTSIDE_READ, USAGE_READ];

export function readIntervalSeconds(read: ProviderRead, env: NodeJS.ProcessEnv = process.env): number {
  const raw = Number(env[read.variable]);
  return env[read.variable]?.trim() && Number.isInteger(raw) && raw > 0 ? raw : read.defaultSeconds;
}

interface ReadJob {
  provider: ProviderId;
  /** A link of the scheduled chain (queues the next); false for the read after a sync. */
  chain: boolean;
}

async function queueRead(read: ProviderRead, job: ReadJob, startAfterSeconds: number): Promise<void> {
  await (
    await jobs()
  ).send(read.queue, job, {
    singletonKey: `${job.provider}:${job.chain ? "chain" : "sync"}`,
    startAfter: Math.max(1, Math.round(startAfterSeconds)),
  });
}

function readable(read: ProviderRead) {
  return configuredProviders().flatMap((p) => (p.adapter && read.canRead(p.adapter) ? [{ id: p.settings.id, adapter: p.adapter }] : []));
}

/** Queues a read of each of these providers' audit logs now (after a sync); never fails the sync. */
export async function readOutsideAfterSync(providers: readonly ProviderId[]): Promise<void> {
  try {
    for (const p of readable(OUTSIDE_READ).filter((p) => providers.includes(p.id)))
      await queueRead(OUTSIDE_READ, { provider: p.id, chain: false }, 1);
  } catch (error) {
    log.debug({ err: error }, "no read of provider audit logs queued after the sync (the job engine is not running)");
  }
}

/** Starts each readable provider's chains (a chain already waiting is kept). */
export async function scheduleProviderReads(): Promise<void> {
  for (const read of READS) for (const p of readable(read)) await queueRead(read, { provider: p.id, chain: true }, 5);
}

export function defineProviderReadQueues(): void {
  for (const read of READS) {
    defineQueue({
      name: read.queue,
      policy: "stately",
      retryLimit: 0,
      expireInSeconds: 10 * 60,
      handler: async ([job]) => {
        const data = job.data as ReadJob;
        try {
          const adapter = readable(read).find((p) => p.id === data.provider)?.adapter;
          if (adapter)
            log.info({ provider: data.provider, queue: read.queue, result: await read.read(data.provider, adapter) }, "provider read done");
        } catch (error) {
          log.warn({ err: error, provider: data.provider, queue: read.queue }, "provider read failed");
        } finally {
          if (data.chain) await queueRead(read, data, readIntervalSeconds(read));
        }
      },
    });
  }
}
