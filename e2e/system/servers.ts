import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FaultInput } from "../../lib/sandbox/faults";
import { PROVIDER_IDS, type ProviderId } from "../../lib/providers/types";
import { collect, databaseEnv, exitOf, launchRoster, type RosterServer, waitFor } from "./launcher";

export { collect, databaseEnv, exitOf, type Exit, type RosterServer, waitFor } from "./launcher";

/**
 * Real servers for the system tests and the load bench: the provider sandboxes in a process
 * of their own (so they outlive a Roster that is killed), and Roster itself as `next start`
 * on the production build, on its own port and database (started by ./launcher.ts). Plain Node (no Playwright), so
 * `bench/load.ts` uses the same code. Sign-in and calls go over real HTTP with a cookie jar.
 */

const ROOT = path.resolve(__dirname, "..", "..");
export const PROVIDERS: readonly ProviderId[] = PROVIDER_IDS;
export const DEMO_PASSWORD = "roster-demo";
const SECRET = "system-tests-only-secret-not-for-production-0123456789";

/** A port from the environment, or the default inside this suite's range. */
export function portFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  const port = raw ? Number(raw) : fallback;
  if (!Number.isInteger(port) || port < 1024 || port > 65_000) throw new Error(`${name} must be a port number, got "${raw}"`);
  return port;
}

export interface Sandboxes {
  basePort: number;
  url: Record<ProviderId, string>;
  fault(provider: ProviderId | "all", fault: FaultInput): Promise<void>;
  clearFaults(): Promise<void>;
  /** Every request a sandbox served (method, route pattern, JSON body, status). */
  requests(provider: ProviderId): Promise<Array<{ method: string; pattern: string | null; body: unknown; status: number }>>;
  stop(): Promise<void>;
}

/** The three sandboxes in their own process (`scripts/sandbox.ts`), on basePort..basePort+2. */
export async function startSandboxes(basePort: number, users = 240): Promise<Sandboxes> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/sandbox.ts"],
    {
      cwd: ROOT,
      env: { ...process.env, ROSTER_SANDBOX_PORT: String(basePort), ROSTER_SANDBOX_USERS: String(users) },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output = collect(child);
  const url = Object.fromEntries(PROVIDERS.map((p, i) => [p, `http://127.0.0.1:${basePort + i}`])) as Record<ProviderId, string>;
  for (const p of PROVIDERS) await waitFor(`the ${p} sandbox`, `${url[p]}/__sandbox/health`, child, output, 60_000);
  const each = (target: ProviderId | "all") => (target === "all" ? PROVIDERS : [target]);
  return {
    basePort,
    url,
    async fault(target, fault) {
      for (const p of each(target)) {
        const res = await fetch(`${url[p]}/__sandbox/faults`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(fault),
        });
        if (!res.ok) throw new Error(`fault on ${p}: ${res.status} ${await res.text()}`);
      }
    },
    async clearFaults() {
      await Promise.all(PROVIDERS.map((p) => fetch(`${url[p]}/__sandbox/faults`, { method: "DELETE" })));
    },
    async requests(provider) {
      const res = await fetch(`${url[provider]}/__sandbox/requests`);
      return ((await res.json()) as { requests: Array<{ method: string; pattern: string | null; body: unknown; status: number }> })
        .requests;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exitOf(child);
    },
  };
}

export interface RosterOptions {
  port: number;
  sandboxPort: number;
  /** Postgres; otherwise PGlite in dataDir. */
  databaseUrl?: string;
  dataDir?: string;
  env?: Record<string, string>;
}

export function tempDataDir(tag: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), `roster-${tag}-`)), "pglite");
}

/** `next start` on the production build (run `next build` first: `npm test` and Playwright's webServer do). */
export function startRoster(options: RosterOptions): Promise<RosterServer> {
  return launchRoster({
    mode: "start",
    ...options,
    dataDir: options.dataDir ?? tempDataDir("system"),
    secret: SECRET,
    env: {
      // Long enough for a busy two-core machine; invite leases and the interrupted-change sweep scale with it.
      ROSTER_PROVIDER_TIMEOUT_MS: "5000",
      // System specs make many changes as one operator: the mass-change guard is out of their way
      // unless a spec sets it (e2e/system/mass-change.spec.ts).
      ROSTER_MASS_CHANGE_THRESHOLD: "1000000",
      ...options.env,
    },
  });
}

/** `npm run audit:verify` against a server's database (stop a PGlite server first). */
export function verifyAuditChain(options: Pick<RosterOptions, "databaseUrl" | "dataDir">): { ok: boolean; output: string } {
  // The chain is keyed with a key derived from the servers' NEXTAUTH_SECRET.
  const env: NodeJS.ProcessEnv = { ...process.env, ...databaseEnv(options), NEXTAUTH_SECRET: SECRET };
  if (!options.databaseUrl) delete env.DATABASE_URL;
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/audit-verify.ts"],
    { cwd: ROOT, env, encoding: "utf8" },
  );
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

/** A signed-in operator calling Roster's API over HTTP, with a cookie jar and Roster's own Origin. */
export class RosterClient {
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1));
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { origin: this.baseUrl, cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "), ...extra };
  }

  async signIn(email: string, password = DEMO_PASSWORD): Promise<this> {
    const csrf = await fetch(`${this.baseUrl}/api/auth/csrf`, { headers: this.headers() });
    this.remember(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const form = new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: "/" });
    const res = await fetch(`${this.baseUrl}/api/auth/callback/credentials`, {
      method: "POST",
      headers: this.headers({ "content-type": "application/x-www-form-urlencoded" }),
      body: form,
      redirect: "manual",
    });
    this.remember(res);
    const session = (await this.call<{ user?: { email?: string } }>("GET", "/api/auth/session")).body;
    if (session?.user?.email !== email) throw new Error(`sign-in as ${email} failed (${res.status})`);
    return this;
  }

  /** One call; the answer's JSON (or text). Throws only when no answer came (connection refused or reset). */
  async call<T = unknown>(method: string, pathAndQuery: string, body?: unknown, requestId?: string): Promise<Answer<T>> {
    const res = await fetch(`${this.baseUrl}${pathAndQuery}`, {
      method,
      headers: this.headers({
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(requestId ? { "x-request-id": requestId } : {}),
      }),
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: "manual",
    });
    this.remember(res);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T };
  }

  get<T = unknown>(pathAndQuery: string): Promise<Answer<T>> {
    return this.call<T>("GET", pathAndQuery);
  }
}
