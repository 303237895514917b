import { SANDBOX_ASTRONOMER_ORG_ID } from "./sandbox-org";
import { type TestSandboxOptions, startTestSandbox } from "../../sandbox/test-sandbox";
import type { ProviderAdapter } from "../types";
import { type AstronomerAdapterTuning, createAstronomerAdapter } from "./adapter";
import type { AstroVersion } from "./api";
import { createAstronomerSandbox } from "./sandbox";
import { type AstroVarianceCase, parseVariance } from "./sandbox-variance";

/** Test-only: the Astronomer sandbox on a free loopback port, and adapters pointed at it (one API version). */

export interface HarnessOptions extends TestSandboxOptions {
  users: number;
  version?: AstroVersion;
  variance?: AstroVarianceCase[];
  now?: () => number;
}

export async function startAstronomerHarness({ users, version, variance, now, ...options }: HarnessOptions) {
  const sandbox = await startTestSandbox(createAstronomerSandbox({ users, version, now, variance: parseVariance(variance) }), options);
  const adapter = (
    tuning?: AstronomerAdapterTuning,
    token = sandbox.connection.token,
    organizationId = SANDBOX_ASTRONOMER_ORG_ID,
  ): ProviderAdapter => createAstronomerAdapter({ baseUrl: sandbox.connection.baseUrl, token, organizationId, timeoutMs: 10_000 }, tuning);
  /** Sets the variance cases (and resets the state), as tests and the demo do over HTTP. */
  const setVariance = async (cases: AstroVarianceCase[]) => {
    const origin = new URL(sandbox.running.baseUrl).origin;
    const res = await fetch(`${origin}/__sandbox/astronomer/variance`, { method: "POST", body: JSON.stringify({ cases }) });
    if (!res.ok) throw new Error(`variance: ${res.status} ${await res.text()}`);
  };
  return { ...sandbox, adapter, setVariance };
}

export type Harness = Awaited<ReturnType<typeof startAstronomerHarness>>;
