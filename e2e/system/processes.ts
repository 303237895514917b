import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ProviderId } from "../../lib/providers/types";

/**
 * Processes for system tests: the provider sandboxes on their own (so they outlive a
 * Roster server), and Roster servers from the production build, each on its own port.
 * Output goes to a log file per process, printed when a test fails to start one.
 */

const root = path.resolve(__dirname, "..", "..");
const SECRET = "system-tests-only-secret-0123456789abcdef";

export interface RunningProcess {
  child: ChildProcess;
  log: string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function launch(name: string, command: string[], env: Record<string, string | undefined>): RunningProcess {
  const log = path.join(os.tmpdir(), `roster-system-${name}-${process.pid}-${Date.now()}.log`);
  const out = fs.openSync(log, "a");
  const child = spawn(process.execPath, command, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    log,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

async function waitFor(url: string, proc: RunningProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) break;
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up:\n${fs.readFileSync(proc.log, "utf8").slice(-4000)}`);
}

export function sandboxUrls(basePort: number): Record<ProviderId, string> {
  return {
    openai: `http://127.0.0.1:${basePort}`,
    astronomer: `http://127.0.0.1:${basePort + 1}`,
    arthur: `http://127.0.0.1:${basePort + 2}`,
  };
}

/** The three sandboxes in a process of their own. */
export async function startSandboxes(basePort: number, env: Record<string, string> = {}): Promise<RunningProcess> {
  const proc = launch("sandboxes", [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/sandbox.ts"], {
    ROSTER_SANDBOX_PORT: String(basePort),
    ...env,
  });
  await waitFor(`${sandboxUrls(basePort).openai}/__sandbox/health`, proc);
  return proc;
}

export interface RosterServer extends RunningProcess {
  baseUrl: string;
}

/**
 * A Roster server (`next start` on the existing production build) using the sandboxes
 * on `sandboxPort`, with the demo operators, on PGlite in `dataDir` or on `databaseUrl`.
 */
export async function startRoster(options: {
  port: number;
  sandboxPort: number;
  databaseUrl?: string;
  dataDir?: string;
  env?: Record<string, string>;
}): Promise<RosterServer> {
  const baseUrl = `http://localhost:${options.port}`;
  const proc = launch(`roster-${options.port}`, ["node_modules/next/dist/bin/next", "start", "-p", String(options.port)], {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    ROSTER_DEMO: "1",
    ROSTER_SANDBOX: "all",
    ROSTER_SANDBOX_PORT: String(options.sandboxPort),
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: SECRET,
    ROSTER_PROVIDER_TIMEOUT_MS: "3000",
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : { DATABASE_URL: "" }),
    ROSTER_DATA_DIR: options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "roster-system-data-")),
    ...options.env,
  });
  await waitFor(`${baseUrl}/signin`, proc);
  return { ...proc, baseUrl };
}
