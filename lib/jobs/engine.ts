import { PgBoss, fromPglite, type ConstructorOptions, type QueuePolicy, type WorkHandler } from "pg-boss";
import type { RawDatabase } from "../db";
import { log } from "../log";

/**
 * Roster's job engine: pg-boss, in its own schema (`pgboss`) of Roster's database. On
 * Postgres several Roster servers share one queue and each job runs on one of them; on
 * PGlite (one process) pg-boss runs through its own PGlite adapter (`fromPglite`, backend
 * `pglite`) on the very connection Roster uses. Started once per server process from
 * lib/startup.ts (never during `next build`), stopped in the graceful drain (lib/shutdown.ts):
 * jobs under way finish, or go back to the queue when the grace runs out.
 */

export const JOBS_SCHEMA = "pgboss";

export type JobHandler = WorkHandler<object>;

/** A queue, the handler that works it, and how its jobs retry. */
export interface QueueDefinition {
  name: string;
  handler: JobHandler;
  /** pg-boss's queue policy (`stately`: one job per singleton key waiting, one running). */
  policy?: QueuePolicy;
  retryLimit?: number;
  retryDelay?: number;
  /** The longest wait between retries, in seconds (retries back off exponentially). */
  retryDelayMax?: number;
  /** Seconds a job may run before pg-boss takes it as lost and retries it. */
  expireInSeconds?: number;
  /** Jobs of this queue one server works at once. */
  concurrency?: number;
}

interface EngineState {
  boss?: PgBoss;
  starting?: Promise<PgBoss>;
  queues: QueueDefinition[];
}

const globalForJobs = globalThis as unknown as { __rosterJobs?: EngineState };
const state: EngineState = (globalForJobs.__rosterJobs ??= { queues: [] });

/** pg-boss's options for a database Roster opened (lib/db). */
export function bossOptions(raw: RawDatabase): ConstructorOptions {
  const common: ConstructorOptions = { schema: JOBS_SCHEMA, supervise: true, schedule: true, migrate: true };
  if (raw.kind === "postgres") return { ...common, connectionString: raw.url, max: 3 };
  return { ...common, db: fromPglite(raw.client), backend: "pglite" };
}

/** Declares a queue; its worker starts with the engine (or at once, if it runs already). */
export function defineQueue(queue: QueueDefinition): void {
  if (state.queues.some((q) => q.name === queue.name)) return;
  state.queues.push(queue);
  if (state.boss) void startQueue(state.boss, queue);
}

async function startQueue(boss: PgBoss, queue: QueueDefinition): Promise<void> {
  await boss.createQueue(queue.name, {
    policy: queue.policy ?? "standard",
    retryLimit: queue.retryLimit ?? 3,
    retryDelay: queue.retryDelay ?? 5,
    retryBackoff: true,
    ...(queue.retryDelayMax ? { retryDelayMax: queue.retryDelayMax } : {}),
    expireInSeconds: queue.expireInSeconds ?? 15 * 60,
  });
  await boss.work(queue.name, { localConcurrency: queue.concurrency ?? 1, pollingIntervalSeconds: 1 }, queue.handler);
}

/** Starts pg-boss on `raw` (once per process) with every queue declared so far. */
export function startJobs(raw: RawDatabase, options: Partial<ConstructorOptions> = {}): Promise<PgBoss> {
  state.starting ??= (async () => {
    const boss = new PgBoss({ ...bossOptions(raw), ...options });
    boss.on("error", (error) => log.error({ err: error }, "job engine error"));
    await boss.start();
    for (const queue of state.queues) await startQueue(boss, queue);
    state.boss = boss;
    log.info({ queues: state.queues.map((q) => q.name) }, "job engine started");
    return boss;
  })();
  state.starting.catch(() => {
    state.starting = undefined;
  });
  return state.starting;
}

/** The running engine: waits for it while it starts; throws when it was never started. */
export async function jobs(): Promise<PgBoss> {
  if (state.boss) return state.boss;
  if (state.starting) return state.starting;
  throw new Error("The job engine is not running");
}

/**
 * Stops the engine: workers take no new job, the jobs under way get `timeoutMs` to finish,
 * and what is left goes back to the queue for another server or the next start.
 */
export async function stopJobs(timeoutMs = 20_000): Promise<void> {
  const boss = state.boss ?? (await state.starting?.catch(() => undefined));
  state.boss = undefined;
  state.starting = undefined;
  if (!boss) return;
  await boss.stop({ graceful: true, close: true, timeout: timeoutMs });
}
