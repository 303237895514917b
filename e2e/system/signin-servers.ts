import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { launchRoster, type RosterServer } from "./launcher";

export type { RosterServer } from "./launcher";

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

/** `node scripts/demo.mjs` on the build the Playwright webServer made, with a data directory of its own (removed at stop). */
export async function startRoster(options: {
  port: number;
  sandboxPort: number;
  databaseUrl?: string;
  env?: Record<string, string>;
}): Promise<RosterServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-signin-system-"));
  const removeData = () => fs.rmSync(dataDir, { recursive: true, force: true });
  try {
    const server = await launchRoster({
      mode: "demo",
      ...options,
      dataDir: path.join(dataDir, "pglite"),
      secret: SYSTEM_SECRET,
      env: { ROSTER_SKIP_BUILD: "1", ...options.env },
      timeoutMs: 180_000,
    });
    return { ...server, stop: (graceMs) => server.stop(graceMs).finally(removeData) };
  } catch (error) {
    removeData();
    throw error;
  }
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
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, setCookies: res.headers["set-cookie"] ?? [], headers: res.headers, text }),
        );
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
