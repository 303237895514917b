import { SANDBOX_ASTRONOMER_ORG_ID } from "../../sandbox/constants";
import { type TestSandboxOptions, startTestSandbox } from "../../sandbox/test-sandbox";
import type { ProviderAdapter } from "../types";
import { type AstronomerAdapterTuning, createAstronomerAdapter } from "./adapter";
import { createAstronomerSandbox } from "./sandbox";

/** Test-only: the Astronomer sandbox on a free loopback port, and adapters pointed at it. */

export interface HarnessOptions extends TestSandboxOptions {
  users: number;
}

export async function startAstronomerHarness({ users, ...options }: HarnessOptions) {
  const sandbox = await startTestSandbox(createAstronomerSandbox({ users }), options);
  const adapter = (
    tuning?: AstronomerAdapterTuning,
    token = sandbox.connection.token,
    organizationId = SANDBOX_ASTRONOMER_ORG_ID,
  ): ProviderAdapter => createAstronomerAdapter({ baseUrl: sandbox.connection.baseUrl, token, organizationId, timeoutMs: 10_000 }, tuning);
  return { ...sandbox, adapter };
}

export type Harness = Awaited<ReturnType<typeof startAstronomerHarness>>;
