import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { E2E } from "./e2e/env";

/**
 * End-to-end tests against the real app (`next start`) and its real provider sandboxes,
 * in Debian's Chromium. Two projects: `api` calls route handlers over HTTP with a
 * session; `browser` drives the pages.
 */

const dataDir = process.env.ROSTER_E2E_DATA_DIR ?? path.join(os.tmpdir(), `roster-e2e-${process.pid}-${Date.now()}`);

export default defineConfig({
  testDir: "./e2e",
  // One app, one set of sandboxes whose faults tests change: run tests one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  outputDir: "test-results",
  use: {
    baseURL: E2E.baseUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "api", testMatch: /api\/.*\.spec\.ts/ },
    { name: "browser", testMatch: /browser\/.*\.spec\.ts/, use: { viewport: { width: 1440, height: 900 } } },
    // Tests that start Roster servers of their own (crash, two servers on one database, sign-in providers).
    { name: "system", testMatch: /system\/.*\.spec\.ts/, timeout: 300_000 },
  ],
  webServer: {
    command: "node scripts/demo.mjs",
    url: `${E2E.baseUrl}/signin`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E.port),
      ROSTER_SANDBOX: "all",
      ROSTER_SANDBOX_PORT: String(E2E.sandboxPort),
      ROSTER_DATA_DIR: dataDir,
      ROSTER_DEMO: "1",
      // Short provider timeouts so the hang faults resolve quickly.
      ROSTER_PROVIDER_TIMEOUT_MS: "1500",
      // Logs at debug (every provider call) into a file e2e/api/logs.spec.ts reads. Roster sends the
      // first sandbox token (a canary e2e/api/secrets.spec.ts and logs.spec.ts search for); tests that
      // call a sandbox directly still use "sandbox".
      ROSTER_LOG_FILE: E2E.logFile,
      // Every provider call goes to the file; the test output shows warnings and errors only.
      ROSTER_LOG_FILE_LEVEL: "debug",
      ROSTER_LOG_LEVEL: "warn",
      ROSTER_SANDBOX_TOKENS: `${E2E.sandboxToken},sandbox`,
      NEXTAUTH_URL: E2E.baseUrl,
      NEXTAUTH_SECRET: E2E.nextAuthSecret,
      ROSTER_TRUST_PROXY: "1",
      ROSTER_SIGNIN_MAX_PER_ADDRESS: String(E2E.signInMaxPerAddress),
      // The suites make hundreds of changes as the same demo operators: the mass-change guard is
      // set out of their way here, and e2e/system/mass-change.spec.ts runs its own server with a low one.
      ROSTER_MASS_CHANGE_THRESHOLD: "1000000",
      ...(process.env.ROSTER_E2E_DATABASE_URL ? { DATABASE_URL: process.env.ROSTER_E2E_DATABASE_URL } : {}),
      // ROSTER_E2E_ASTRONOMER_VERSION=v1 runs the suites against the Astronomer sandbox's v1 API.
      ...(process.env.ROSTER_E2E_ASTRONOMER_VERSION
        ? { ROSTER_SANDBOX_ASTRONOMER_VERSION: process.env.ROSTER_E2E_ASTRONOMER_VERSION }
        : {}),
    },
  },
});
