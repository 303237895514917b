import { sql } from "drizzle-orm";
import { getDb } from "../db";
import { refresh } from "../directory/service";
import { readHeads } from "../directory/store";
import { freshnessMs } from "../directory/snapshot";
import { log } from "../log";
import { notifySyncResult } from "../notify/sync";
import { configuredProviders } from "../providers/registry";
import type { ProviderId } from "../providers/types";
import { defineQueue, JOBS_SCHEMA, jobs } from "./engine";

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
 * Whether a provider's chain is alive: a read waiting or running. The `stately` policy alone
 * does not cover a server that starts while another runs the chain's read: its new job would
 * be the one waiting, and the running read's next link would be dropped for it, so two reads
 * would come less than an interval apart.
 */
async function chainAlive(provider: ProviderId): Promise<boolean> {
  const db = await getDb();
  const result = await db.execute(
    sql`select 1 from ${sql.raw(JOBS_SCHEMA)}.job where name = ${SYNC_QUEUE} and singleton_key = ${provider} and state in ('created', 'retry', 'active') limit 1`,
  );
  const rows = (result as unknown as { rows?: unknown[] }).rows ?? (result as unknown as unknown[]);
  return rows.length > 0;
}

/** Starts each configured provider's chain, staggered across the interval (a chain already alive is kept). */
export async function scheduleSyncs(): Promise<void> {
  const providers = configuredProviders().map((p) => p.settings.id);
  const interval = syncIntervalSeconds();
  for (const [i, provider] of providers.entries()) {
    if (!(await chainAlive(provider))) await queueSync(provider, interval * ((i + 1) / providers.length));
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
