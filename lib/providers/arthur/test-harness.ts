import { type RunningSandbox, type SandboxResponse, startSandbox } from "../../sandbox/server";
import type { ProviderAdapter } from "../types";
import { createArthurAdapter } from "./adapter";
import { createArthurSandbox } from "./sandbox";

/** Test-only: an Arthur sandbox on a free loopback port and an adapter pointed at it. */

export interface Exchange {
  method: string;
  pattern: string;
  status: number;
  /** The response body as it went over the wire (JSON round trip). */
  body: unknown;
}

export interface ArthurHarness {
  running: RunningSandbox;
  sandbox: ReturnType<typeof createArthurSandbox>;
  adapter: ProviderAdapter;
  /** Every answer a route handler gave (faults and auth failures are answered before the handlers). */
  exchanges: Exchange[];
  connection: { baseUrl: string; token: string };
  /** Back to the seed, with no faults and nothing recorded. */
  reset(): void;
  close(): Promise<void>;
}

const wire = (body: unknown) => (body === undefined ? undefined : JSON.parse(JSON.stringify(body)));

export async function startArthurHarness(users = 240, wrap?: (res: Promise<SandboxResponse>) => Promise<SandboxResponse>): Promise<ArthurHarness> {
  const sandbox = createArthurSandbox({ users });
  const exchanges: Exchange[] = [];
  sandbox.routes = sandbox.routes.map((route) => ({
    ...route,
    handler: async (req) => {
      const pending = Promise.resolve(route.handler(req));
      const res = await (wrap ? wrap(pending) : pending);
      exchanges.push({ method: req.method, pattern: route.pattern, status: res.status, body: wire(res.body) });
      return res;
    },
  }));
  const running = await startSandbox(sandbox, { port: 0, tokens: ["sandbox"] });
  const connection = { baseUrl: running.baseUrl, token: "sandbox" };
  return {
    running,
    sandbox,
    adapter: createArthurAdapter(connection),
    exchanges,
    connection,
    reset() {
      sandbox.reset();
      running.faults.clear();
      running.requests.length = 0;
      exchanges.length = 0;
    },
    close: () => running.close(),
  };
}
