import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

/**
 * Roster servers of the sign-in system tests' own: `node scripts/demo.mjs` (the build the
 * Playwright webServer made; ROSTER_SKIP_BUILD=1), each with its own data directory,
 * ports from this suite's range and the environment a test gives it.
 *
 * Ports: ROSTER_SIGNIN_SYSTEM_PORT (default 5200) and up to +59.
 */

export const PORT_BASE = Number(process.env.ROSTER_SIGNIN_SYSTEM_PORT ?? 5200);

/** PGlite always; Postgres too when ROSTER_TEST_DATABASE_URL is set (as in CI). */
export function backends(): Array<{ name: string; databaseUrl?: string }> {
  const url = process.env.ROSTER_TEST_DATABASE_URL?.trim();
  return [{ name: "PGlite" }, ...(url ? [{ name: "Postgres", databaseUrl: url }] : [])];
}

export const SYSTEM_SECRET = "signin-system-test-secret-0123456789abcdef";

export interface RosterServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Variables the tests' own environment must not leak into a server they start. */
const NOT_INHERITED = /^(DATABASE_URL|AUTH_OIDC_|ROSTER_|NEXTAUTH_|PORT$)/;

export async function startRoster(options: { port: number; sandboxPort: number; databaseUrl?: string; env?: Record<string, string> }): Promise<RosterServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-signin-system-"));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !NOT_INHERITED.test(k)));
  const url = `http://localhost:${options.port}`;
  const child: ChildProcess = spawn(process.execPath, ["scripts/demo.mjs"], {
    cwd: path.resolve(__dirname, "..", ".."),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...inherited,
      NODE_ENV: "production",
      PORT: String(options.port),
      ROSTER_SANDBOX: "all",
      ROSTER_SANDBOX_PORT: String(options.sandboxPort),
      ROSTER_DATA_DIR: path.join(dataDir, "pglite"),
      ROSTER_DEMO: "1",
      ROSTER_SKIP_BUILD: "1",
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: SYSTEM_SECRET,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Roster exited with ${child.exitCode} before it answered:\n${log}`);
    try {
      const res = await fetch(`http://127.0.0.1:${options.port}/signin`, { signal: AbortSignal.timeout(3000) });
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Roster did not answer on ${url} within 180 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, output: () => log, stop };
}

export interface RawResponse {
  status: number;
  setCookies: string[];
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One HTTP request from a chosen loopback address (the server sees it as the socket's). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = http.request(
      {
        host: "127.0.0.1",
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? "GET",
        headers: { host: target.host, ...options.headers },
        localAddress: options.localAddress,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, setCookies: res.headers["set-cookie"] ?? [], headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/** `name=value` pairs of Set-Cookie headers, for a Cookie header. */
export function cookieHeader(setCookies: string[]): string {
  return setCookies.map((c) => c.split(";")[0]).join("; ");
}

/** A password sign-in from one loopback address (with whatever x-forwarded-for it claims). */
export async function passwordSignIn(
  baseUrl: string,
  email: string,
  password: string,
  from: { localAddress?: string; forwardedFor?: string } = {},
): Promise<RawResponse> {
  const extra: Record<string, string> = from.forwardedFor ? { "x-forwarded-for": from.forwardedFor } : {};
  const csrf = await rawRequest(`${baseUrl}/api/auth/csrf`, { localAddress: from.localAddress, headers: extra });
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  return rawRequest(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    localAddress: from.localAddress,
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(csrf.setCookies), ...extra },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: "/" }).toString(),
  });
}
