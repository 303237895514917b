#!/usr/bin/env node
/**
 * `npm run demo`: builds Roster if needed, then starts it with its three provider
 * sandboxes (started by the server itself, see instrumentation.ts) and prints the
 * demo sign-in. Environment variables still apply (PORT, ROSTER_SANDBOX, provider keys…).
 * It listens on loopback only (the demo's passwords are published) unless ROSTER_DEMO_HOST
 * says otherwise, and says what it is doing while it builds and starts.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);

const port = process.env.PORT || "3000";
// Not HOSTNAME: shells and containers set that to the machine's own name, which would
// put the demo, and its published passwords, on the network.
const host = process.env.ROSTER_DEMO_HOST?.trim() || "127.0.0.1";
const loopback = host === "127.0.0.1" || host === "localhost";
const url = `http://${loopback ? "localhost" : host.includes(":") ? `[${host}]` : host}:${port}`;
/** How often a long wait says it is still waiting. */
const TICK_MS = 10_000;
const dataDir = process.env.ROSTER_DATA_DIR || ".data/pglite";

function newestSourceMtime() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of ["app", "components", "lib", "public"]) if (fs.existsSync(dir)) walk(dir);
  for (const file of ["package.json", "next.config.js", "instrumentation.ts", "postcss.config.mjs"]) {
    if (fs.existsSync(file)) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  const buildId = path.join(".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  return newestSourceMtime() > fs.statSync(buildId).mtimeMs;
}

/** A session secret that survives restarts of the demo, kept beside its data (never committed). */
function demoSecret() {
  const file = path.join(".data", "demo-nextauth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(".data", { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const elapsed = (since) => {
  const s = Math.round((Date.now() - since) / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
};

/** Prints `still(elapsed)` every TICK_MS until the returned function is called. */
function ticker(still) {
  const since = Date.now();
  const timer = setInterval(() => console.log(still(elapsed(since))), TICK_MS);
  return () => {
    clearInterval(timer);
    return elapsed(since);
  };
}

async function build() {
  console.log(
    "Building Roster for production (first run, or the sources changed): `next build` compiles every page,\n" +
      "which takes a few minutes on a small machine. Its own progress follows.",
  );
  const stop = ticker((time) => `  … still building (${time} so far)`);
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const forward = (signal) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  const code = await new Promise((resolve) => child.on("exit", (status, signal) => resolve(status ?? (signal ? 1 : 0))));
  process.off("SIGINT", forward);
  process.off("SIGTERM", forward);
  const took = stop();
  if (code !== 0) {
    console.error(`The build failed after ${took} (exit ${code}); see its output above.`);
    process.exit(code);
  }
  console.log(`Built in ${took}.`);
}

if (needsBuild() && process.env.ROSTER_SKIP_BUILD !== "1") await build();

/** Any of these set: the demo talks to that provider for real instead of its sandbox (lib/config.ts). */
const LIVE_CREDENTIALS = ["OPENAI_ADMIN_KEY", "ASTRONOMER_API_TOKEN", "ARTHUR_ACCESS_TOKEN", "ARTHUR_CLIENT_ID", "ARTHUR_CLIENT_SECRET"];

const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  ROSTER_DEMO: process.env.ROSTER_DEMO ?? "1",
  ROSTER_DATA_DIR: dataDir,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || demoSecret(),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL || url,
  // Roster drains changes on SIGTERM itself (lib/shutdown.ts).
  NEXT_MANUAL_SIG_HANDLE: "true",
  // Production starts no sandbox unless asked: the demo asks for them, unless a provider key is set.
  ROSTER_SANDBOX: process.env.ROSTER_SANDBOX || (LIVE_CREDENTIALS.some((name) => process.env[name]) ? "none" : "all"),
};

// Same process group as this script, so whoever stops the group (a terminal's Ctrl+C,
// Playwright's webServer) stops Roster too; signals sent to this script alone are passed on.
const where = host === "0.0.0.0" || host === "::" ? "on every network interface" : `on ${host} only`;
console.log(`Starting Roster on ${url} (listening ${where}), with its provider sandboxes…`);
const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port, "-H", host], {
  stdio: "inherit",
  env,
});

const stop = (signal) => {
  if (child.exitCode === null) child.kill(signal);
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

async function announce() {
  const done = ticker(
    (time) => `  … waiting for Roster to answer ${url}/signin (${time}; it opens its database and starts the sandboxes first)`,
  );
  let up = false;
  for (let i = 0; i < 240 && !up; i++) {
    try {
      const res = await fetch(`${url}/signin`, { signal: AbortSignal.timeout(2000) });
      up = res.ok;
    } catch {
      /* not up yet */
    }
    if (!up) await new Promise((r) => setTimeout(r, 500));
  }
  const took = done();
  if (!up) {
    console.log(`Roster has not answered ${url}/signin after ${took}; its output above says why.`);
    return;
  }
  if (env.ROSTER_DEMO !== "1") {
    console.log(`Roster is running on ${url} (started in ${took}).`);
    return;
  }
  console.log(`
  Roster is running on ${url} (started in ${took})
  Sign in with any of these demo operators (password: roster-demo):
    owner@roster.demo       owner      manages Roster operators and everything below
    admin@roster.demo       admin      changes roles, removes members, approves invites
    requester@roster.demo   requester  reads, and requests invites
    viewer@roster.demo      viewer     reads everything
  Providers are served from local sandboxes (marked "Sandbox"). Ctrl+C stops.
`);
}
void announce();
