/**
 * Test-only: the Astronomer sandbox on a real loopback port, with every route
 * handler wrapped to capture its response (for the contract test) and to measure
 * how many requests are in flight at once (for the concurrency bound).
 */
import { SANDBOX_ASTRONOMER_ORG_ID } from "../../sandbox/constants";
import { type RunningSandbox, type SandboxRequest, startSandbox } from "../../sandbox/server";
import type { ProviderAdapter } from "../types";
import { type AstronomerAdapterTuning, createAstronomerAdapter } from "./adapter";
import { createAstronomerSandbox } from "./sandbox";

export const TOKEN = "sandbox";

export interface CapturedResponse {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

export interface HarnessOptions {
  users: number;
  /** Each handler waits this long, so parallel requests overlap. */
  handlerDelayMs?: number;
  /** Runs before each handler; may rewrite the request (e.g. cap `limit`). */
  beforeHandle?: (req: SandboxRequest) => void;
}

export interface Harness {
  running: RunningSandbox;
  responses: CapturedResponse[];
  maxInFlight: () => number;
  adapter: (tuning?: AstronomerAdapterTuning, token?: string, organizationId?: string) => ProviderAdapter;
  /** Seed state back, faults and records cleared. */
  reset: () => void;
  close: () => Promise<void>;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startAstronomerHarness(options: HarnessOptions): Promise<Harness> {
  const definition = createAstronomerSandbox({ users: options.users });
  const responses: CapturedResponse[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const routes = definition.routes.map((route) => ({
    ...route,
    handler: async (req: SandboxRequest) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (options.handlerDelayMs) await delay(options.handlerDelayMs);
        options.beforeHandle?.(req);
        const res = await route.handler(req);
        responses.push({ method: req.method, path: req.path, status: res.status, body: res.body });
        return res;
      } finally {
        inFlight--;
      }
    },
  }));
  const running = await startSandbox({ ...definition, routes }, { port: 0, tokens: [TOKEN] });
  return {
    running,
    responses,
    maxInFlight: () => maxInFlight,
    adapter: (tuning, token = TOKEN, organizationId = SANDBOX_ASTRONOMER_ORG_ID) =>
      createAstronomerAdapter({ baseUrl: running.baseUrl, token, organizationId, timeoutMs: 10_000 }, tuning),
    reset: () => {
      definition.reset();
      running.faults.clear();
      running.requests.length = 0;
      responses.length = 0;
      maxInFlight = 0;
    },
    close: () => running.close(),
  };
}
