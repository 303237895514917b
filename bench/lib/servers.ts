import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_OWNER } from "./config";
import { launchRoster } from "../../e2e/system/launcher";
import { LOG_DIR, type Proc, adoptProc, httpOk, listeningPid, startProc, waitFor } from "./procs";

/**
 * The servers under test: the provider sandboxes in a process of their own
 * (`tsx scripts/sandbox.ts`) and Roster from its production build, started by
 * `scripts/demo.mjs` (which builds first when `.next` is missing or older than the
 * sources). Roster finds the sandboxes already listening on ROSTER_SANDBOX_PORT and
 * reuses them, so the sandboxes' work never counts against Roster's CPU or memory.
 */

const PROVIDER_OFFSETS = { openai: 0, astronomer: 1, arthur: 2 } as const;
export type Provider = keyof typeof PROVIDER_OFFSETS;
export const PROVIDERS = Object.keys(PROVIDER_OFFSETS) as Provider[];

export interface Sandboxes {
  basePort: number;
  users: number;
  latencyMs: number;
  url(provider: Provider): string;
  proc: Proc;
}

export async function startSandboxes(basePort: number, users: number, latencyMs: number): Promise<Sandboxes> {
  for (let port = basePort; port < basePort + 3; port++) {
    if (await httpOk(`http://127.0.0.1:${port}/__sandbox/health`).catch(() => false))
      throw new Error(`port ${port} is already serving; stop that server first`);
  }
  const proc = startProc(
    `sandbox-${users}`,
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/sandbox.ts"],
    {
      ...process.env,
      ROSTER_SANDBOX_PORT: String(basePort),
      ROSTER_SANDBOX_USERS: String(users),
      ROSTER_SANDBOX_LATENCY_MS: String(latencyMs),
    },
  );
  const url = (p: Provider) => `http://127.0.0.1:${basePort + PROVIDER_OFFSETS[p]}`;
  for (const p of PROVIDERS)
    await waitFor(`the ${p} sandbox (${users} members)`, () => httpOk(`${url(p)}/__sandbox/health`), 120_000, proc);
  return { basePort, users, latencyMs, url, proc };
}

export interface Roster {
  port: number;
  baseUrl: string;
  dataDir: string;
  proc: Proc;
  /** The `next start` process itself (not the demo.mjs wrapper). */
  serverPid(): number;
  /** Milliseconds from spawn until the sign-in page answered. */
  startMs: number;
}

const SECRET = "bench-only-secret-not-for-production-0123456789";

export function newDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "roster-bench-data-"));
}

export async function startRoster(options: {
  port: number;
  sandboxes: Sandboxes;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
}): Promise<Roster> {
  const { port, sandboxes, dataDir } = options;
  const baseUrl = `http://localhost:${port}`;
  if (await httpOk(`${baseUrl}/signin`).catch(() => false)) throw new Error(`port ${port} is already serving; stop that server first`);
  const started = Date.now();
  const name = `roster-${port}`;
  const logFile = path.join(LOG_DIR, `${name}.log`);
  const server = await launchRoster({
    mode: "demo",
    port,
    sandboxPort: sandboxes.basePort,
    dataDir,
    secret: SECRET,
    logFile,
    // A first run may build Roster (several minutes on 2 cores).
    timeoutMs: 20 * 60_000,
    env: {
      ROSTER_SANDBOX_USERS: String(sandboxes.users),
      ROSTER_SANDBOX_LATENCY_MS: String(sandboxes.latencyMs),
      // Benchmarks measure changes that run: the mass-change guard is out of their way.
      ROSTER_MASS_CHANGE_THRESHOLD: "1000000",
      ...(options.env as Record<string, string> | undefined),
    },
  });
  const proc = adoptProc(name, server.child, logFile, () => server.stop(5_000));
  return { port, baseUrl, dataDir, proc, serverPid: () => listeningPid(proc, port), startMs: Date.now() - started };
}

/** A signed-in HTTP session: the cookie header next-auth set for the demo owner. */
export interface Session {
  baseUrl: string;
  cookie: string;
  /** Cookies for a browser context. */
  cookies: Array<{ name: string; value: string; url: string }>;
}

function collect(jar: Map<string, string>, res: Response) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Signs in through next-auth's credentials endpoint, as the sign-in form does. */
export async function signIn(baseUrl: string, who = DEMO_OWNER): Promise<Session> {
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  collect(jar, csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email: who.email, password: who.password, json: "true", callbackUrl: "/" });
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    body: form,
    headers: { cookie: header(jar), origin: baseUrl, "content-type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  collect(jar, res);
  await res.arrayBuffer();
  const session = (await (await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie: header(jar) } })).json()) as {
    user?: { email?: string };
  };
  if (session.user?.email !== who.email) throw new Error(`sign-in as ${who.email} failed (HTTP ${res.status})`);
  return { baseUrl, cookie: header(jar), cookies: [...jar].map(([name, value]) => ({ name, value, url: baseUrl })) };
}

/** A JSON call as the signed-in operator; throws with the body on an error status. */
export async function api<T>(session: Session, method: string, pathAndQuery: string, body?: unknown): Promise<T> {
  const res = await fetch(`${session.baseUrl}${pathAndQuery}`, {
    method,
    headers: {
      cookie: session.cookie,
      origin: session.baseUrl,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${pathAndQuery} answered ${res.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
