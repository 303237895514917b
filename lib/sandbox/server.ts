import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ProviderId } from "../providers/types";
import { type Fault, FaultBook, faultSchema } from "./faults";
import { type RecordedRequest, createRequestLog, parseRedacted, redactFields } from "./request-log";
import { type VarianceCase, VarianceBook } from "./variance";
import { log as serverLog } from "../log";

/**
 * The provider-neutral part of a sandbox: an HTTP server on loopback that routes
 * requests under the provider's base path, checks bearer tokens, applies injected
 * faults, records requests and their answers (for contract tests) and answers JSON.
 * Everything that is specific to a provider's wire contract lives in
 * lib/providers/<id>/sandbox.ts.
 */

export interface SandboxRequest {
  method: string;
  /** Path below the base path, e.g. `/organization/users/user_abc`. */
  path: string;
  /** The route pattern that matched, e.g. `/organization/users/{user_id}`. */
  pattern: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: http.IncomingHttpHeaders;
}

export interface SandboxResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface SandboxRoute {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** OpenAPI-style template, `{name}` for a path parameter. */
  pattern: string;
  /** Answered without a bearer token (discovery, the token endpoint). */
  public?: boolean;
  handler: (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;
  /** Served under this base path instead of the definition's (a provider serving two API versions). */
  basePath?: string;
}

export interface SandboxDefinition {
  provider: ProviderId;
  /** The base path the real API uses (`/v1`, `/v1alpha1`, `` for Arthur whose paths start with /api/v1). */
  basePath: string;
  routes: SandboxRoute[];
  /** The provider's error body for a status and message. */
  errorBody(status: number, message: string): unknown;
  /** Back to the seed state. */
  reset(): void;
  /** Real-world answer shapes a test or the demo can turn on (lib/sandbox/variance.ts). */
  variances?: VarianceCase[];
  /** Provider-specific control routes under `/__sandbox/` (answer undefined when the path is not theirs). */
  control?(method: string, path: string, body: unknown): SandboxResponse | undefined;
  /** Bearer tokens it issued itself and still accepts, besides the configured ones. */
  acceptsToken?(token: string): boolean;
  /** The state changes have made, as plain JSON (kept across restarts by lib/sandbox/persist.ts). */
  saveState?(): unknown;
  /** Replaces the state with a saved one; throws when `saved` is not one this sandbox wrote. */
  loadState?(saved: unknown): void;
}

export interface RunningSandbox {
  provider: ProviderId;
  port: number;
  /** The base URL an adapter uses, e.g. http://127.0.0.1:4010/v1 */
  baseUrl: string;
  close(): Promise<void>;
  faults: FaultBook;
  variance: VarianceBook;
  requests: RecordedRequest[];
}

export interface StartOptions {
  port: number;
  host?: string;
  tokens: string[];
  /** Latency added to every provider request (benchmarks). */
  latencyMs?: number;
  /** Variance cases on from the start, and again after a reset. */
  variance?: string[];
  /** Called after every request that may have changed the state (any but GET), and after a reset. */
  onChange?: () => void;
}

const MAX_BODY_BYTES = 1_000_000;

interface CompiledRoute extends SandboxRoute {
  base: string;
  regex: RegExp;
  names: string[];
}

function compile(route: SandboxRoute, base: string): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a, b) => {
    names.push(a ?? b);
    return "([^/]+)";
  });
  return { ...route, base: (route.basePath ?? base).replace(/\/+$/, ""), regex: new RegExp(`^${source}/?$`), names };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Returns the body text it wrote, if any. */
function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): string | undefined {
  if (res.headersSent || res.destroyed) return undefined;
  if (body === undefined || status === 204) {
    res.writeHead(status, headers);
    res.end();
    return undefined;
  }
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(text);
  return text;
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startSandbox(definition: SandboxDefinition, options: StartOptions): Promise<RunningSandbox> {
  const base = definition.basePath.replace(/\/+$/, "");
  const routes = definition.routes.map((route) => compile(route, base));
  const bases = [...new Set(routes.map((route) => route.base))].sort((a, b) => b.length - a.length);
  const faults = new FaultBook();
  const variance = new VarianceBook(definition.variances ?? [], options.variance);
  const log = createRequestLog();
  const requests = log.requests;
  const tokens = new Set(options.tokens);

  async function control(req: http.IncomingMessage, res: http.ServerResponse, path: string) {
    const raw = await readBody(req);
    if (path === "/__sandbox/faults" && req.method === "POST") {
      let json: unknown;
      try {
        json = raw ? JSON.parse(raw) : {};
      } catch {
        return send(res, 400, { error: "body is not JSON" });
      }
      const parsed = faultSchema.safeParse(json);
      if (!parsed.success) return send(res, 400, { error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
      return send(res, 200, { faults: faults.add(parsed.data) });
    }
    if (path === "/__sandbox/faults" && req.method === "DELETE") {
      faults.clear();
      return send(res, 200, { faults: [] });
    }
    if (path === "/__sandbox/faults" && req.method === "GET") return send(res, 200, { faults: faults.list() });
    if (path === "/__sandbox/requests" && req.method === "GET") return send(res, 200, { requests });
    if (path === "/__sandbox/requests" && req.method === "DELETE") {
      log.clear();
      return send(res, 200, { requests });
    }
    if (path === "/__sandbox/variance" && req.method === "GET") return send(res, 200, variance.list());
    if (path === "/__sandbox/variance" && req.method === "DELETE") {
      variance.set([]);
      return send(res, 200, variance.list());
    }
    if (path === "/__sandbox/variance" && req.method === "POST") {
      let json: { cases?: unknown };
      try {
        json = raw ? JSON.parse(raw) : {};
      } catch {
        return send(res, 400, { error: "body is not JSON" });
      }
      const cases = json?.cases;
      if (!Array.isArray(cases) || !cases.every((c) => typeof c === "string"))
        return send(res, 400, { error: "cases: a list of case names" });
      const unknown = variance.unknown(cases);
      if (unknown.length)
        return send(res, 400, { error: `cases: unknown on ${definition.provider}: ${unknown.join(", ")}`, ...variance.list() });
      variance.set(cases);
      return send(res, 200, variance.list());
    }
    if (path === "/__sandbox/reset" && req.method === "POST") {
      definition.reset();
      variance.reset();
      options.onChange?.();
      faults.clear();
      log.clear();
      return send(res, 200, { ok: true });
    }
    if (path === "/__sandbox/health") return send(res, 200, { provider: definition.provider, ok: true });
    let json: unknown = undefined;
    try {
      json = raw ? JSON.parse(raw) : undefined;
    } catch {
      return send(res, 400, { error: "body is not JSON" });
    }
    const own = definition.control?.(req.method ?? "GET", path, json);
    if (own) return send(res, own.status, own.body);
    return send(res, 404, { error: "unknown sandbox control path" });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://sandbox.local");
    if (url.pathname.startsWith("/__sandbox/")) return control(req, res, url.pathname);

    const method = (req.method ?? "GET").toUpperCase();
    const notFound = () => send(res, 404, definition.errorBody(404, `Invalid URL (${method} ${url.pathname})`));
    const served = bases.find((b) => !b || url.pathname.startsWith(b + "/"));
    if (served === undefined) return notFound();
    const path = url.pathname.slice(served.length);

    let match: { route: CompiledRoute; params: Record<string, string> } | null = null;
    let pathMatched = false;
    for (const route of routes) {
      if (route.base !== served) continue;
      const m = route.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])));
      match = { route, params };
      break;
    }

    const raw = await readBody(req).catch(() => null);
    let body: unknown = undefined;
    let bodyError = raw === null;
    const form = /^application\/x-www-form-urlencoded\b/i.test(req.headers["content-type"] ?? "");
    if (raw && form) body = Object.fromEntries(new URLSearchParams(raw));
    else if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        bodyError = true;
      }
    }

    const record: RecordedRequest = {
      method,
      path,
      pattern: match?.route.pattern ?? null,
      query: [...url.searchParams.entries()],
      body: raw ? (form ? redactFields(body as Record<string, string>) : parseRedacted(raw)) : undefined,
      status: 0,
      time: new Date().toISOString(),
    };
    log.add(record);

    const answer = (status: number, payload: unknown, headers?: Record<string, string>) => {
      log.answered(record, status, send(res, status, payload, headers));
    };

    if (options.latencyMs) await delay(options.latencyMs);

    const fault = faults.take(method, match?.route.pattern ?? path);
    if (fault) {
      if (fault.latencyMs) await delay(fault.latencyMs);
      if (fault.hang) {
        record.status = -1;
        return; // never answer; the client's timeout has to deal with it
      }
      if (fault.malformed) {
        record.status = 200;
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"object":"list","data":[{"id":');
        return;
      }
      if (fault.status) {
        const headers: Record<string, string> = {};
        if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
        const said = fault.message ?? defaultFaultMessage(fault.status);
        const sent = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1]?.trim() ?? "";
        const message = fault.echoKey ? `${said}: incorrect API key provided: ${sent}` : said;
        return answer(fault.status, definition.errorBody(fault.status, message), headers);
      }
    }

    const auth = req.headers.authorization ?? "";
    const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
    if (!match?.route.public && (!token || !(tokens.has(token) || definition.acceptsToken?.(token)))) {
      return answer(401, definition.errorBody(401, token ? "Invalid authentication credentials" : "Missing bearer token"));
    }
    if (!match) {
      return pathMatched ? answer(405, definition.errorBody(405, `Method ${method} not allowed on ${path}`)) : notFound();
    }
    if (bodyError) return answer(400, definition.errorBody(400, "The request body is not valid JSON"));

    try {
      const result = await match.route.handler({
        method,
        path,
        pattern: match.route.pattern,
        params: match.params,
        query: url.searchParams,
        body,
        headers: req.headers,
      });
      const varied = variance.apply(method, match.route.pattern, result);
      answer(varied.status, varied.body, varied.headers);
      if (method !== "GET") options.onChange?.();
    } catch (error) {
      serverLog.error({ err: error }, `[sandbox:${definition.provider}]`);
      answer(500, definition.errorBody(500, "Internal server error"));
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      serverLog.error({ err: error }, `[sandbox:${definition.provider}]`);
      send(res, 500, definition.errorBody(500, "Internal server error"));
    });
  });
  // Longer than the client keeps an idle connection (undici: 4 s), as providers' load
  // balancers are: a server closing a kept-alive connection just as the client reuses it
  // fails that request, and a change (POST) is rightly never retried blindly.
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    provider: definition.provider,
    port,
    baseUrl: `http://${options.host ?? "127.0.0.1"}:${port}${base}`,
    faults,
    variance,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function defaultFaultMessage(status: number): string {
  if (status === 429) return "Rate limit reached, please retry later";
  if (status === 401) return "Invalid authentication credentials";
  if (status === 503) return "Service temporarily unavailable";
  if (status >= 500) return "Internal server error";
  return `Injected error ${status}`;
}

export type { Fault, RecordedRequest };
