#!/usr/bin/env node
/**
 * `npm run demo`: builds Roster if needed, then starts it with its three provider
 * sandboxes (started by the server itself, see instrumentation.ts) and prints the
 * demo sign-in. Environment variables still apply (PORT, ROSTER_SANDBOX, provider keys…).
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);

const port = process.env.PORT || "3000";
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

if (needsBuild() && process.env.ROSTER_SKIP_BUILD !== "1") {
  console.log("Building Roster (first run or sources changed)…");
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  ROSTER_DEMO: process.env.ROSTER_DEMO ?? "1",
  ROSTER_DATA_DIR: dataDir,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || demoSecret(),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
};

// Same process group as this script, so whoever stops the group (a terminal's Ctrl+C,
// Playwright's webServer) stops Roster too; signals sent to this script alone are passed on.
const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port], {
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
  const url = `http://localhost:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      const res = await fetch(`${url}/signin`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (env.ROSTER_DEMO !== "1") return;
  console.log(`
  Roster is running on ${url}
  Sign in with any of these demo operators (password: roster-demo):
    owner@roster.demo       owner      manages Roster operators and everything below
    admin@roster.demo       admin      changes roles, removes members, approves invites
    requester@roster.demo   requester  reads, and requests invites
    viewer@roster.demo      viewer     reads everything
  Providers are served from local sandboxes (marked "Sandbox"). Ctrl+C stops.
`);
}
void announce();
