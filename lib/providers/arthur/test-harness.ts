import { type TestSandboxOptions, startTestSandbox } from "../../sandbox/test-sandbox";
import { createArthurAdapter } from "./adapter";
import { createArthurSandbox } from "./sandbox";

/** Test-only: an Arthur sandbox on a free loopback port and an adapter pointed at it. */
export async function startArthurHarness(users = 240, options: TestSandboxOptions = {}) {
  const sandbox = await startTestSandbox(createArthurSandbox({ users }), options);
  return { ...sandbox, adapter: createArthurAdapter(sandbox.connection) };
}

export type ArthurHarness = Awaited<ReturnType<typeof startArthurHarness>>;
