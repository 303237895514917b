import { getSnapshots } from "../directory/snapshot";
import { readAndStoreOutside } from "../governance/outside-store";
import { log } from "../log";
import { configuredProviders } from "../providers/registry";
import type { ProviderId } from "../providers/types";
import { defineQueue, jobs } from "./engine";

/**
 * Changes made outside Roster, read on a clock like the scheduled sync (lib/jobs/scheduled.ts):
 * each provider with an audit log Roster reads (OpenAI) is read every
 * ROSTER_OUTSIDE_INTERVAL_SECONDS (default 900) as a chain of delayed jobs, one per provider
 * waiting at a time (`stately`), and once more right after each sync of it (its own
 * singleton key, so a waiting chain job does not swallow it; it does not extend the chain).
 */

export const OUTSIDE_QUEUE = "outside-read";
export const DEFAULT_OUTSIDE_INTERVAL_SECONDS = 900;

export function outsideIntervalSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const raw = Number(env.ROSTER_OUTSIDE_INTERVAL_SECONDS);
  return env.ROSTER_OUTSIDE_INTERVAL_SECONDS?.trim() && Number.isInteger(raw) && raw > 0 ? raw : DEFAULT_OUTSIDE_INTERVAL_SECONDS;
}

interface OutsideJob {
  provider: ProviderId;
  /** A link of the scheduled chain (queues the next); false for the read after a sync. */
  chain: boolean;
}

async function queueRead(job: OutsideJob, startAfterSeconds: number): Promise<void> {
  await (await jobs()).send(OUTSIDE_QUEUE, job, { singletonKey: `${job.provider}:${job.chain ? "chain" : "sync"}`, startAfter: Math.max(1, Math.round(startAfterSeconds)) });
}

function readable(): { id: ProviderId }[] {
  return configuredProviders()
    .filter((p) => p.adapter?.readChanges)
    .map((p) => ({ id: p.settings.id }));
}

/** One read of one provider's audit log into the store, naming members from the directory as it is. */
export async function readOutside(provider: ProviderId): Promise<void> {
  const configured = configuredProviders().find((p) => p.settings.id === provider);
  if (!configured?.adapter?.readChanges) return;
  const view = (await getSnapshots()).find((v) => v.provider.settings.id === provider);
  const emails = new Map((view?.members ?? []).map((m) => [m.id, m.email]));
  const result = await readAndStoreOutside(provider, configured.adapter, (id) => emails.get(id) ?? null);
  log.info({ provider, ...result }, "provider audit log read for changes made outside Roster");
}

/** Queues a read of each of these providers' audit logs now (after a sync); never fails the sync. */
export async function readOutsideAfterSync(providers: readonly ProviderId[]): Promise<void> {
  const wanted = readable().filter((p) => providers.includes(p.id));
  try {
    for (const p of wanted) await queueRead({ provider: p.id, chain: false }, 1);
  } catch (error) {
    log.debug({ err: error }, "no read of provider audit logs queued after the sync (the job engine is not running)");
  }
}

/** Starts each readable provider's chain (a chain already waiting is kept). */
export async function scheduleOutsideReads(): Promise<void> {
  for (const p of readable()) await queueRead({ provider: p.id, chain: true }, 5);
}

export function defineOutsideQueue(): void {
  defineQueue({
    name: OUTSIDE_QUEUE,
    policy: "stately",
    retryLimit: 0,
    expireInSeconds: 10 * 60,
    handler: async ([job]) => {
      const data = job.data as OutsideJob;
      try {
        await readOutside(data.provider);
      } catch (error) {
        log.warn({ err: error, provider: data.provider }, "could not read the provider's audit log");
      } finally {
        if (data.chain) await queueRead(data, outsideIntervalSeconds());
      }
    },
  });
}
