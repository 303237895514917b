import { type RunningSandbox, type SandboxDefinition, type SandboxRequest, startSandbox } from "./server";

/**
 * Test-only: a provider's sandbox on a free loopback port, with what adapter, wire and
 * contract tests need around it. Route handlers are wrapped to count the requests in
 * flight, which is how tests prove an adapter's concurrency bound.
 */

export const TEST_TOKEN = "sandbox";

export interface TestSandboxOptions {
  /** Each handler waits this long first, so parallel requests overlap. */
  handlerDelayMs?: number;
  /** Runs before each handler; may rewrite the request (e.g. cap `limit`). */
  beforeHandle?: (req: SandboxRequest) => void;
}

/** One answer of the sandbox as it went over the wire (secrets redacted, as strings). */
export interface RecordedAnswer {
  method: string;
  /** The route pattern, or the path when no route matched. */
  pattern: string;
  status: number;
  body: unknown;
}

export interface TestSandbox<D extends SandboxDefinition> {
  definition: D;
  running: RunningSandbox;
  connection: { baseUrl: string; token: string };
  /** The most requests handlers were working on at once since the last reset. */
  maxInFlight(): number;
  answers(): RecordedAnswer[];
  /** A request without an adapter, for raw wire checks. */
  raw(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> | null }>;
  /** Back to the seed, with no faults and nothing recorded. */
  reset(): void;
  close(): Promise<void>;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startTestSandbox<D extends SandboxDefinition>(
  definition: D,
  options: TestSandboxOptions = {},
): Promise<TestSandbox<D>> {
  let inFlight = 0;
  let maxInFlight = 0;
  const routes = definition.routes.map((route) => ({
    ...route,
    handler: async (req: SandboxRequest) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        if (options.handlerDelayMs) await delay(options.handlerDelayMs);
        options.beforeHandle?.(req);
        return await route.handler(req);
      } finally {
        inFlight--;
      }
    },
  }));
  const running = await startSandbox({ ...definition, routes }, { port: 0, tokens: [TEST_TOKEN] });

  return {
    definition,
    running,
    connection: { baseUrl: running.baseUrl, token: TEST_TOKEN },
    maxInFlight: () => maxInFlight,
    answers: () =>
      running.requests.map((r) => ({ method: r.method, pattern: r.pattern ?? r.path, status: r.status, body: r.responseBody })),
    async raw(method, path, body, token = TEST_TOKEN) {
      const res = await fetch(running.baseUrl + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
    },
    reset() {
      definition.reset();
      running.faults.clear();
      running.variance.reset();
      running.requests.length = 0;
      maxInFlight = 0;
    },
    close: () => running.close(),
  };
}
