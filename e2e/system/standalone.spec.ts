import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { collect, exitOf, portFrom, RosterClient, waitFor } from "./servers";

/**
 * The container, without a container engine (issue 14): the standalone build, copied into
 * a fresh directory exactly as the Dockerfile's `COPY --from=build` lines copy it (read
 * from the Dockerfile itself, so the two cannot drift), started with the image's command
 * (`node scripts/entrypoint.mjs`) against a real Postgres. It must migrate, become ready,
 * sign an operator in and list the users; a wrong DATABASE_URL, or a half-set credential,
 * must stop the start and name the variable.
 */

const ROOT = path.resolve(__dirname, "..", "..");
const SECRET = "standalone-tests-only-secret-0123456789abcdef";
const METRICS_TOKEN = "standalone-metrics-token-0123456789";

/** `[from, to]` for every `COPY --from=build … /src/<from> <to>` in the Dockerfile, `to` relative to /app. */
export function dockerfileCopies(dockerfile = fs.readFileSync(path.join(ROOT, "Dockerfile"), "utf8")): Array<[string, string]> {
  const copies: Array<[string, string]> = [];
  for (const line of dockerfile.split("\n")) {
    const m = /^COPY\s+--from=build\s+(?:--\S+\s+)*\/src\/(\S+)\s+(\S+)\s*$/.exec(line.trim());
    if (m) copies.push([m[1], path.posix.normalize(m[2].replace(/^\/app\/?/, "./"))]);
  }
  return copies;
}

/** A fresh directory holding only what the image holds under /app. */
function imageDirectory(): string {
  if (!fs.existsSync(path.join(ROOT, ".next", "standalone", "server.js"))) {
    throw new Error("No standalone build: run `npx next build` first (next.config.js sets output: standalone)");
  }
  const app = fs.mkdtempSync(path.join(os.tmpdir(), "roster-image-"));
  const copies = dockerfileCopies();
  expect(copies.length, "the Dockerfile's COPY --from=build lines").toBeGreaterThan(3);
  for (const [from, to] of copies) fs.cpSync(path.join(ROOT, from), path.join(app, to), { recursive: true, verbatimSymlinks: true });
  return app;
}

interface Started {
  url: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

/** The image's CMD, in `app`, with only the variables an operator would set (no inherited Roster settings). */
function entrypoint(app: string, port: number, env: Record<string, string>): Started {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["scripts/entrypoint.mjs"], {
    cwd: app,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: url,
      ROSTER_DATA_DIR: path.join(app, "data", "pglite"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = collect(child);
  return {
    url,
    child,
    output,
    exited: exitOf(child),
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

const databaseUrl = process.env.ROSTER_TEST_DATABASE_URL;

test.describe.configure({ mode: "serial" });

test("the image's files and command: migrate Postgres, become ready, sign in, list users, serve metrics", async () => {
  test.skip(!databaseUrl, "ROSTER_TEST_DATABASE_URL is not set (CI sets it)");
  const app = imageDirectory();
  // Nothing from the source tree came along: no sources, no dev dependencies.
  expect(fs.existsSync(path.join(app, "app")), "app/ sources in the image").toBe(false);
  expect(fs.existsSync(path.join(app, "node_modules", "typescript")), "dev dependencies in the image").toBe(false);
  const port = portFrom("ROSTER_STANDALONE_PORT", 5520);
  const server = entrypoint(app, port, {
    DATABASE_URL: databaseUrl!,
    ROSTER_DEMO: "1",
    ROSTER_SANDBOX: "all",
    ROSTER_SANDBOX_PORT: String(portFrom("ROSTER_STANDALONE_SANDBOX_PORT", 5530)),
    ROSTER_METRICS_TOKEN: METRICS_TOKEN,
  });
  try {
    await waitFor("the standalone server", `${server.url}/api/ready`, server.child, server.output);
    const log = server.output.join("");
    expect(log).toMatch(/database migrated in \d+ ms/);
    // Migrated before Next announced it was listening.
    expect(log.indexOf("database migrated")).toBeLessThan(log.indexOf("Ready in"));
    const ready = (await (await fetch(`${server.url}/api/ready`)).json()) as { ready: boolean; database: { migrated: boolean } };
    expect(ready).toMatchObject({ ready: true, database: { migrated: true } });

    const owner = await new RosterClient(server.url).signIn("owner@roster.demo");
    await expect
      .poll(async () => (await owner.get<{ total: number }>("/api/users?pageSize=5")).body.total ?? 0, { timeout: 60_000 })
      .toBeGreaterThan(0);

    // A refresh reads every provider (the database may hold a fresh snapshot from an earlier run).
    expect((await owner.call("POST", "/api/sync", {})).status).toBe(200);
    const metrics = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(/roster_api_request_duration_seconds_count\{route="\/api\/users",method="GET",status="200"\} \d+/);
    expect(text).toMatch(/roster_provider_requests_total\{provider="openai",operation="GET [^"]+",status="200"\} \d+/);
    expect(text).toContain("roster_process_resident_memory_bytes");
    expect(text).toContain('roster_audit_events_total{action="sign_in"');

    // The image's stop: SIGTERM drains and exits 0.
    server.kill("SIGTERM");
    expect(await server.exited).toEqual({ code: 0, signal: null });
  } finally {
    server.kill("SIGKILL");
    await server.exited;
    fs.rmSync(app, { recursive: true, force: true });
  }
});

test("a wrong DATABASE_URL or a half-set credential stops the start, naming the variable", async () => {
  const app = imageDirectory();
  try {
    // Nothing listens on port 1: the entrypoint's migration fails before the server starts.
    const unreachable = entrypoint(app, portFrom("ROSTER_STANDALONE_BAD_PORT", 5540), {
      DATABASE_URL: "postgres://roster:not-the-password@127.0.0.1:1/roster",
    });
    expect((await unreachable.exited).code).toBe(1);
    const said = unreachable.output.join("");
    expect(said).toContain("DATABASE_URL: could not connect to Postgres");
    expect(said).not.toContain("not-the-password");
    expect(said).not.toContain("Ready in");

    // Arthur's client id without its secret, and a port that is none: the server's start-up
    // check (lib/env-schema.ts) names both and exits.
    const bad = entrypoint(app, portFrom("ROSTER_STANDALONE_BAD_PORT", 5540), {
      DATABASE_URL: "",
      ROSTER_SANDBOX: "none",
      ARTHUR_CLIENT_ID: "roster",
      ROSTER_SANDBOX_PORT: "not-a-port",
    });
    const exit = await Promise.race([bad.exited, new Promise((r) => setTimeout(() => r("still running"), 60_000))]);
    bad.kill("SIGKILL");
    expect(exit, bad.output.join("").slice(-3000)).toEqual({ code: 1, signal: null });
    const out = bad.output.join("");
    expect(out).toContain("ARTHUR_CLIENT_SECRET must be set too: ARTHUR_CLIENT_ID is set");
    expect(out).toContain('ROSTER_SANDBOX_PORT must be a port number from 1 to 65533 (got \\"not-a-port\\")');
  } finally {
    fs.rmSync(app, { recursive: true, force: true });
  }
});
