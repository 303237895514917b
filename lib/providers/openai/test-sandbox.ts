/** Test-only: an OpenAI sandbox on a free loopback port with an adapter pointed at it. */
import { type SandboxDefinition, startSandbox } from "../../sandbox/server";
import { createOpenAIAdapter } from "./adapter";
import { createOpenAISandbox } from "./sandbox";

export const TOKEN = "sandbox";

export async function startOpenAISandbox(users = 240, wrap: (d: SandboxDefinition) => SandboxDefinition = (d) => d) {
  const definition = wrap(createOpenAISandbox({ users }));
  const running = await startSandbox(definition, { port: 0, tokens: [TOKEN] });
  const adapter = createOpenAIAdapter({ baseUrl: running.baseUrl, token: TOKEN });

  /** A request without the adapter, for raw wire checks. */
  async function raw(method: string, path: string, body?: unknown, token = TOKEN) {
    const res = await fetch(running.baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  }

  function reset() {
    definition.reset();
    running.faults.clear();
    running.requests.length = 0;
  }

  return { definition, running, adapter, raw, reset };
}

export type OpenAITestSandbox = Awaited<ReturnType<typeof startOpenAISandbox>>;
