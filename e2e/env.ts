import os from "node:os";
import path from "node:path";
import { PROVIDER_IDS, type ProviderId } from "../lib/providers/catalog";
import canaries from "./canaries.json";

/** Where the e2e app and its sandboxes listen (away from the demo's defaults). */
const port = Number(process.env.ROSTER_E2E_PORT ?? 3100);
const sandboxPort = Number(process.env.ROSTER_E2E_SANDBOX_PORT ?? 4110);

export const E2E = {
  port,
  sandboxPort,
  baseUrl: `http://localhost:${port}`,
  /** Each provider's sandbox origin: one port each from sandboxPort, in the catalog's order (as lib/config.ts). */
  sandbox: Object.fromEntries(PROVIDER_IDS.map((id, i) => [id, `http://127.0.0.1:${sandboxPort + i}`])) as Record<ProviderId, string>,
  password: "roster-demo",
  /** The server's log file (ROSTER_LOG_FILE), which e2e/api/logs.spec.ts reads. */
  logFile: process.env.ROSTER_E2E_LOG_FILE ?? path.join(os.tmpdir(), `roster-e2e-${port}.log`),
  /** The bearer token Roster sends to the sandboxes; they also accept "sandbox". Never in a log. */
  sandboxToken: canaries.sandboxToken,
  /** The e2e server's session secret (tests sign their own tokens with it). */
  nextAuthSecret: "e2e-only-secret-not-for-production-0123456789",
  /**
   * Failed sign-ins allowed per client address per minute on the e2e server (default 5),
   * so suites that fail a sign-in on purpose do not lock out each other: every test signs
   * in from 127.0.0.1. The throttle tests use addresses of their own (x-forwarded-for,
   * trusted there with ROSTER_TRUST_PROXY=1).
   */
  signInMaxPerAddress: 20,
  operators: {
    owner: "owner@roster.demo",
    admin: "admin@roster.demo",
    requester: "requester@roster.demo",
    viewer: "viewer@roster.demo",
  },
} as const;

export type DemoRole = keyof typeof E2E.operators;

export { canaries as CANARIES };
