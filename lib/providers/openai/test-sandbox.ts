/** Test-only: an OpenAI sandbox on a free loopback port with an adapter pointed at it. */
import { startTestSandbox } from "../../sandbox/test-sandbox";
import { createOpenAIAdapter } from "./adapter";
import { createOpenAISandbox } from "./sandbox";

export async function startOpenAISandbox(users = 240) {
  const sandbox = await startTestSandbox(createOpenAISandbox({ users }));
  return { ...sandbox, adapter: createOpenAIAdapter(sandbox.connection) };
}

export type OpenAITestSandbox = Awaited<ReturnType<typeof startOpenAISandbox>>;
