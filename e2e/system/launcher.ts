import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * The one way tests and the bench start a Roster server of their own. Plain Node (no
 * Playwright), so `bench/` uses it too.
 *
 * - **Mode**: `start` runs `next start` on the production build (run `next build` first);
 *   `demo` runs `scripts/demo.mjs`, which builds when the build is missing or older than the
 *   sources (`ROSTER_SKIP_BUILD=1` in `env` skips that).
 * - **Environment**: the caller's, stripped of everything that configures Roster (its database,
 *   sign-in, single sign-on, providers, ports), then what the options say: a variable set in the
 *   test runner's shell never reaches the server by accident.
 * - **Stopping**: the server runs in a process group of its own; `stop()` sends the group
 *   SIGTERM, then SIGKILL after `graceMs`, so `demo.mjs` goes with its `next start` child.
 *   `kill(signal)` signals the server process alone (the crash and drain tests' SIGKILL/SIGTERM).
 */

const ROOT = path.resolve(__dirname, "..", "..");

/** Variables that configure Roster: never inherited from the caller's environment. */
const NOT_INHERITED = /^(DATABASE_URL|AUTH_OIDC_|ROSTER_|NEXTAUTH_|OPENAI_|ASTRONOMER_|ARTHUR_|PORT$|HOSTNAME$)/;

export interface LaunchOptions {
  mode: "start" | "demo";
  port: number;
  /** The first sandbox port (`ROSTER_SANDBOX=all`, unless `env` says otherwise). */
  sandboxPort: number;
  /** Postgres; otherwise PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** NEXTAUTH_SECRET (also the audit chain's key). */
  secret: string;
  env?: Record<string, string>;
  /** Where the server must answer 200 before it counts as started (default `/signin`). */
  readyPath?: string;
  timeoutMs?: number;
  /** Write what the server prints to this file instead of keeping it in memory (the bench's logs). */
  logFile?: string;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RosterServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** What the server printed, in chunks (the last few thousand). */
  output: string[];
  /** The same as one string. */
  text(): string;
  exited: Promise<Exit>;
  /** The process's resident memory now, in MiB (Linux /proc). */
  rssMiB(): number;
  /** A signal to the server process alone. */
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM to the whole process group, SIGKILL after `graceMs`; resolves once it exited. */
  stop(graceMs?: number): Promise<void>;
}

/** The database environment of a Roster server, for scripts run against the same database. */
export function databaseEnv(options: { databaseUrl?: string; dataDir?: string }): Record<string, string> {
  return options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : { ROSTER_DATA_DIR: options.dataDir! };
}

/** The caller's environment without anything that configures Roster, plus `extra`. */
export function strippedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(Object.entries(process.env).filter(([name]) => !NOT_INHERITED.test(name)));
  return { ...kept, ...extra } as NodeJS.ProcessEnv;
}

export function collect(child: ChildProcess): string[] {
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 2_000) output.splice(0, 1_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return output;
}

export function exitOf(child: ChildProcess): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(what: string, url: string, child: ChildProcess, output: string[], timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before it answered:\n${output.join("").slice(-3000)}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(250);
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs} ms:\n${output.join("").slice(-3000)}`);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/** Starts Roster as `options` say and resolves once it answers `readyPath`; stops it again when it does not. */
export async function launchRoster(options: LaunchOptions): Promise<RosterServer> {
  if (options.mode === "start" && !fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")))
    throw new Error("No production build: run `npx next build` first");
  const url = `http://localhost:${options.port}`;
  const env = strippedEnv({
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_MANUAL_SIG_HANDLE: "true",
    PORT: String(options.port),
    ROSTER_DEMO: "1",
    NEXTAUTH_SECRET: options.secret,
    NEXTAUTH_URL: url,
    ROSTER_SANDBOX: "all",
    ROSTER_SANDBOX_PORT: String(options.sandboxPort),
    ...databaseEnv(options),
    ...options.env,
  });
  const args =
    options.mode === "start"
      ? [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(options.port)]
      : [path.join(ROOT, "scripts/demo.mjs")];
  const log = options.logFile ? fs.openSync(options.logFile, "a") : null;
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    detached: true,
    stdio: log === null ? ["ignore", "pipe", "pipe"] : ["ignore", log, log],
  });
  if (log !== null) fs.closeSync(log);
  const output = collect(child);
  const exited = exitOf(child);
  const server: RosterServer = {
    url,
    pid: child.pid!,
    child,
    output,
    text: () => (options.logFile ? fs.readFileSync(options.logFile, "utf8") : output.join("")),
    exited,
    rssMiB() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, "utf8");
      return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    },
    kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    async stop(graceMs = 15_000) {
      signalGroup(child, "SIGTERM");
      const killer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
      await exited;
      clearTimeout(killer);
      // Whatever the group leader left behind.
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* none left */
      }
    },
  };
  try {
    await waitFor("Roster", `${url}${options.readyPath ?? "/signin"}`, child, output, options.timeoutMs);
  } catch (error) {
    await server.stop(2_000);
    if (options.logFile && error instanceof Error) error.message += `\n${server.text().slice(-3000)}`;
    throw error;
  }
  return server;
}
