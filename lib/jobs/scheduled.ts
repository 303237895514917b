import { refresh } from "../directory/service";
import { readHeads } from "../directory/store";
import { freshnessMs } from "../directory/snapshot";
import { log } from "../log";
import { notifySyncResult } from "../notify/sync";
import { configuredProviders } from "../providers/registry";
import type { ProviderId } from "../providers/types";
import { defineQueue, jobs } from "./engine";

/**
 * Work on a clock: each provider's directory is read again every
 * ROSTER_SYNC_INTERVAL_SECONDS (default 900), the providers staggered across the interval,
 * skipped while a fresh snapshot exists (a page read it a moment ago); and invite and change
 * requests expire at their deadline, not only when someone reads them.
 *
 * The sync is a chain of delayed jobs, one chain per provider: the queue's `stately` policy
 * keeps at most one job per provider waiting, so servers that all start the chain (or a
 * chain resumed after a restart) still read each provider once per interval, on one server.
 */

export const SYNC_QUEUE = "directory-sync";
export const EXPIRY_QUEUE = "request-expiry";

export const DEFAULT_SYNC_INTERVAL_SECONDS = 900;

export function syncIntervalSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const raw = Number(env.ROSTER_SYNC_INTERVAL_SECONDS);
  return env.ROSTER_SYNC_INTERVAL_SECONDS?.trim() && Number.isInteger(raw) && raw > 0 ? raw : DEFAULT_SYNC_INTERVAL_SECONDS;
}

async function queueSync(provider: ProviderId, startAfterSeconds: number): Promise<void> {
  await (await jobs()).send(SYNC_QUEUE, { provider }, { singletonKey: provider, startAfter: Math.max(1, Math.round(startAfterSeconds)) });
}

/** Reads one provider again unless its snapshot is fresh; then queues the next read. */
export async function syncProvider(provider: ProviderId): Promise<"synced" | "fresh" | "gone"> {
  if (!configuredProviders().some((p) => p.settings.id === provider)) return "gone";
  try {
    const head = (await readHeads()).find((h) => h.provider === provider);
    if (head && Date.now() - head.fetchedAt.getTime() < freshnessMs()) {
      log.info({ provider, outcome: "fresh" }, "scheduled sync skipped: the snapshot is fresh");
      return "fresh";
    }
    const { providers } = await refresh([provider], "schedule");
    await notifySyncResult(providers.find((p) => p.id === provider));
    log.info({ provider, outcome: "synced" }, "scheduled sync done");
    return "synced";
  } finally {
    await queueSync(provider, syncIntervalSeconds());
  }
}

/**
 * Starts each configured provider's chain, staggered across the interval. A link already
 * waiting is kept, unless it is due later than one of this server's intervals from now: it
 * was queued under a longer interval (a server since restarted with a shorter one), and the
 * queue's `stately` policy would keep it in place of the new start for that long.
 */
export async function scheduleSyncs(): Promise<void> {
  const providers = configuredProviders().map((p) => p.settings.id);
  const interval = syncIntervalSeconds();
  const boss = await jobs();
  for (const [i, provider] of providers.entries()) {
    const waiting = await boss.findJobs(SYNC_QUEUE, { key: provider, queued: true });
    const late = waiting.filter((job) => new Date(job.startAfter).getTime() > Date.now() + interval * 1_000 + 1_000);
    if (late.length)
      await boss.cancel(
        SYNC_QUEUE,
        late.map((job) => job.id),
      );
    await queueSync(provider, interval * ((i + 1) / providers.length));
  }
}

/** A job at a request's deadline: every request then due expires (each audited once, whichever server runs it). */
export async function scheduleExpiry(expiresAt: Date): Promise<void> {
  try {
    await (await jobs()).send(EXPIRY_QUEUE, {}, { startAfter: expiresAt });
  } catch (error) {
    // The request still expires when read, and at the next start's sweep.
    log.warn({ err: error }, "could not queue the expiry of a request");
  }
}

export function defineScheduledQueues(expireDue: () => Promise<void>): void {
  defineQueue({
    name: SYNC_QUEUE,
    policy: "stately",
    retryLimit: 0,
    expireInSeconds: 15 * 60,
    handler: async ([job]) => {
      await syncProvider((job.data as { provider: ProviderId }).provider);
    },
  });
  defineQueue({ name: EXPIRY_QUEUE, retryLimit: 5, handler: () => expireDue() });
}
