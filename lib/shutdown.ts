import { ConfigError } from "./config";
import { closeDb } from "./db";
import { log } from "./log";

/**
 * Graceful stop. `next start` on SIGTERM/SIGINT stops accepting connections, waits (with no
 * bound) for the requests under way, and exits 143/130 without closing Roster's database.
 * Roster adds what is missing: from the signal on, a new change is refused (503), the
 * changes under way finish (up to ROSTER_SHUTDOWN_GRACE_MS, default 25 s), the database
 * is closed, and the process exits 0 (1 when a change was still running at the deadline).
 */

interface ShutdownState {
  inFlight: number;
  draining: boolean;
  idle: Array<() => void>;
  installed: boolean;
}

const globalForShutdown = globalThis as unknown as { __rosterShutdown?: ShutdownState };
const state: ShutdownState = (globalForShutdown.__rosterShutdown ??= { inFlight: 0, draining: false, idle: [], installed: false });

export function isDraining(): boolean {
  return state.draining;
}

/** Runs one change, counted as in flight until it has answered. */
export async function trackChange<T>(work: () => Promise<T>): Promise<T> {
  state.inFlight++;
  try {
    return await work();
  } finally {
    state.inFlight--;
    if (state.inFlight === 0) for (const resolve of state.idle.splice(0)) resolve();
  }
}

function whenIdle(): Promise<void> {
  return state.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => state.idle.push(resolve));
}

export function shutdownGraceMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ROSTER_SHUTDOWN_GRACE_MS?.trim();
  if (!raw) return 25_000;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0 || ms > 600_000) {
    throw new ConfigError(`ROSTER_SHUTDOWN_GRACE_MS must be milliseconds from 0 to 600000, got "${raw}"`);
  }
  return ms;
}

const timeout = (ms: number) => new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms).unref());

async function drain(signal: NodeJS.Signals, graceMs: number, nextDone: Promise<void>, exit: (code: number) => never) {
  const deadline = Date.now() + graceMs;
  log.info(`${signal}: refusing new changes, waiting for ${state.inFlight} under way`);
  const drained = await Promise.race([whenIdle().then(() => "idle" as const), timeout(deadline - Date.now())]);
  // Next's own cleanup stops the HTTP server and answers the requests it still holds.
  await Promise.race([nextDone, timeout(Math.max(0, deadline - Date.now()))]);
  if (drained === "timeout") log.error(`${state.inFlight} change(s) still running after ${graceMs} ms: stopping anyway`);
  await closeDb().catch((error) => log.error({ err: error }, "closing the database failed"));
  log.info("stopped");
  exit(drained === "idle" ? 0 : 1);
}

/** Installs the drain on SIGTERM and SIGINT, ahead of Next's own handler (once per process). */
export function installGracefulShutdown(): void {
  if (state.installed) return;
  const graceMs = shutdownGraceMs(); // a bad value stops the start, not the stop
  state.installed = true;
  const onSignal = (signal: NodeJS.Signals) => {
    if (state.draining) return;
    state.draining = true;
    const exit = process.exit.bind(process) as (code: number) => never;
    let nextDone: Promise<void> = Promise.resolve();
    if (process.listenerCount(signal) > 1) {
      // Next's handler ends with process.exit(143): hold that exit until the changes are done.
      nextDone = new Promise((resolve) => {
        process.exit = (() => {
          resolve();
          return undefined as never;
        }) as typeof process.exit;
      });
    }
    void drain(signal, graceMs, nextDone, exit);
  };
  process.prependListener("SIGTERM", onSignal);
  process.prependListener("SIGINT", onSignal);
}
