import http from "node:http";
import { ConfigError } from "./config";
import { closeDb } from "./db";
import { stopJobs } from "./jobs/engine";
import { log } from "./log";

/**
 * Graceful stop. Roster's launchers (scripts/entrypoint.mjs, scripts/demo.mjs, `npm start`)
 * set `NEXT_MANUAL_SIG_HANDLE=true`, Next's documented switch that leaves SIGTERM and
 * SIGINT to the application, and Roster does all of it: from the signal on, a new change is
 * refused (503), the changes under way finish (up to ROSTER_SHUTDOWN_GRACE_MS, default
 * 25 s), the HTTP server stops listening and answers the requests it still holds, the
 * database is closed, and the process exits 0 (1 when a change was still running at the
 * deadline). Without the switch Next exits 143 on its own as soon as its server is closed,
 * so Roster says at start that changes under way would be cut off.
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

/** Every HTTP server that has answered a request in this process (Next's, under any launcher). */
const SERVERS = Symbol.for("roster.httpServers");

function seenServers(): Set<http.Server> {
  const proto = http.Server.prototype as http.Server & { [SERVERS]?: Set<http.Server> };
  if (proto[SERVERS]) return proto[SERVERS];
  const servers = new Set<http.Server>();
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") servers.add(this);
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof proto.emit;
  proto[SERVERS] = servers;
  return servers;
}

/** Stops listening, closes idle keep-alive connections, and resolves once the requests held are answered. */
function closeServers(servers: Set<http.Server>): Promise<void> {
  return Promise.all(
    [...servers].map(
      (server) =>
        new Promise<void>((resolve) => {
          if (!server.listening) return resolve();
          server.close(() => resolve());
          server.closeIdleConnections();
        }),
    ),
  ).then(() => undefined);
}

async function drain(signal: NodeJS.Signals, graceMs: number, servers: Set<http.Server>) {
  const deadline = Date.now() + graceMs;
  log.info(`${signal}: refusing new changes, waiting for ${state.inFlight} under way`);
  // The job engine takes no new job; jobs under way finish within the grace, the rest go back to the queue.
  const jobsStopped = stopJobs(graceMs).catch((error: unknown) => log.error({ err: error }, "stopping the job engine failed"));
  const drained = await Promise.race([whenIdle().then(() => "idle" as const), timeout(deadline - Date.now())]);
  await Promise.race([closeServers(servers), timeout(Math.max(0, deadline - Date.now()))]);
  if (drained === "timeout") log.error(`${state.inFlight} change(s) still running after ${graceMs} ms: stopping anyway`);
  await jobsStopped;
  await closeDb().catch((error) => log.error({ err: error }, "closing the database failed"));
  log.info("stopped");
  process.exit(drained === "idle" ? 0 : 1);
}

/** Whether Next leaves the stop signals to Roster (NEXT_MANUAL_SIG_HANDLE, set by Roster's launchers). */
export function manualSignalHandling(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env.NEXT_MANUAL_SIG_HANDLE?.trim().toLowerCase();
  return Boolean(raw) && raw !== "0" && raw !== "false";
}

/** Installs the drain on SIGTERM and SIGINT (once per process). */
export function installGracefulShutdown(): void {
  if (state.installed) return;
  const graceMs = shutdownGraceMs(); // a bad value stops the start, not the stop
  state.installed = true;
  if (!manualSignalHandling()) {
    log.warn(
      "NEXT_MANUAL_SIG_HANDLE is not set: on SIGTERM Next stops the process at once, cutting off changes under way. " +
        "Start Roster with `npm start`, scripts/entrypoint.mjs or NEXT_MANUAL_SIG_HANDLE=true to let them finish.",
    );
    return;
  }
  const servers = seenServers();
  const onSignal = (signal: NodeJS.Signals) => {
    if (state.draining) return;
    state.draining = true;
    void drain(signal, graceMs, servers);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
