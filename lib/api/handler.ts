import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { hasRole, type Operator, type RosterRole } from "../auth/roles";
import { auditRefusedRequest } from "../audit/access";
import { log } from "../log";
import { isDraining, trackChange } from "../shutdown";
import { assertDeclaredLength, readBodyText } from "./body-limit";
import { ApiError, errorBody, forbidden, passwordChangeRequired, unauthorized, validationError } from "./errors";
import { assertNotSessionOnly, assertTokenProviders, callerOf, type TokenRules } from "./caller";
import { assertSameOrigin } from "./origin";
import { overApiRateLimit } from "./rate-limit";
import { requestIdOf } from "./request-id";
import { fingerprint, idempotencyKey, idempotent } from "./idempotency";
import { observeApiRequest, routePattern } from "../ops/metrics";

/**
 * The one wrapper every route handler uses: reads the session (or an API token:
 * lib/api/caller.ts), checks the Roster role, refuses cross-origin changes made with a
 * session cookie, parses path, query and body with zod, honours an
 * `Idempotency-Key` on a change (lib/api/idempotency.ts), and maps every error to one JSON envelope. Handlers hold no rules themselves: they call lib/.
 */

type AnySchema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RouteContext<P, Q, B> {
  operator: Operator;
  params: P;
  query: Q;
  body: B;
  requestId: string;
  request: Request;
}

interface RouteOptions<
  P extends AnySchema | undefined,
  Q extends AnySchema | undefined,
  B extends AnySchema | undefined,
> extends TokenRules<{ params: Infer<P>; query: Infer<Q>; body: Infer<B> }> {
  role: RosterRole;
  /** Open to an operator who must first replace an owner-chosen password (only the password route). */
  beforePasswordChange?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** The answer carries a secret: a repeated Idempotency-Key is not answered with it (lib/api/idempotency.ts). */
  secretAnswer?: boolean;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** 403s that refuse a change for who is asking: on the audit log like any refused change. */
const AUDITED_403 = new Set(["forbidden", "session_required", "token_provider_forbidden"]);

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json$/i;

/** The JSON body; an empty body is `{}`. Anything but JSON (by content-type and by parse) is refused. */
async function readJson(request: Request): Promise<unknown> {
  const text = await readBodyText(request);
  if (!text.trim()) return {};
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim();
  if (!JSON_TYPE.test(type)) {
    const got = type ? `"${type.slice(0, 100)}"` : "none";
    throw new ApiError("unsupported_media_type", `body: must be JSON with content-type application/json (got ${got})`, [
      { field: "body", message: "content-type must be application/json" },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("invalid_input", "body: not valid JSON", [{ field: "body", message: "not valid JSON" }]);
  }
}

/** Routes without a body schema take none: an empty body or `{}`, so nothing sent is silently ignored. */
async function assertNoBody(request: Request): Promise<undefined> {
  const text = (await readBodyText(request)).trim();
  if (!text || /^\{\s*\}$/.test(text)) return undefined;
  throw new ApiError("invalid_input", "body: this route takes no body (send none, or {})", [
    { field: "body", message: "this route takes no body" },
  ]);
}

function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

function parse<S extends AnySchema | undefined>(schema: S, value: unknown, where: "query" | "body" | "path"): Infer<S> {
  if (!schema) return undefined as Infer<S>;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(where, result.error);
  return result.data as Infer<S>;
}

/** Every 5xx, with the request (its headers go through the logger's redaction). */
function logFailure(request: Request, requestId: string, status: number, error: unknown) {
  const url = new URL(request.url);
  const req = { method: request.method, path: url.pathname, headers: Object.fromEntries(request.headers.entries()) };
  log.error({ err: error, requestId, status, req }, `${request.method} ${url.pathname} answered ${status}`);
}

async function failure(error: unknown, request: Request, requestId: string, operator: Operator | null): Promise<Response> {
  const { status, body } = errorBody(error, requestId);
  if (status >= 500) logFailure(request, requestId, status, error);
  // A change refused for the operator's role or for its input is on the audit log too.
  if (operator && !SAFE_METHODS.has(request.method) && ((status === 403 && AUDITED_403.has(body.error.code)) || status === 422)) {
    await auditRefusedRequest({ operator, request, requestId, status, code: body.error.code, message: body.error.message });
  }
  return NextResponse.json(body, { status, headers: { "x-request-id": requestId, "cache-control": "no-store" } });
}

/** The handler's result (or its error) as the response. */
async function respond(run: () => Promise<unknown>, request: Request, requestId: string, operator: Operator): Promise<Response> {
  try {
    const result = await run();
    if (result instanceof Response) {
      result.headers.set("x-request-id", requestId);
      return result;
    }
    return NextResponse.json(result ?? { ok: true }, { headers: { "x-request-id": requestId, "cache-control": "no-store" } });
  } catch (error) {
    return failure(error, request, requestId, operator);
  }
}

export function route<
  P extends AnySchema | undefined = undefined,
  Q extends AnySchema | undefined = undefined,
  B extends AnySchema | undefined = undefined,
>(options: RouteOptions<P, Q, B>, handler: (ctx: RouteContext<Infer<P>, Infer<Q>, Infer<B>>) => Promise<unknown>) {
  const run = async (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => {
    const requestId = requestIdOf(request);
    const headers = { "x-request-id": requestId, "cache-control": "no-store" };
    const retryAfter = overApiRateLimit(request);
    if (retryAfter !== null) {
      const { status, body } = errorBody(
        new ApiError("rate_limited", `Too many requests: try again in ${retryAfter} s`, { retryAfter }),
        requestId,
      );
      return NextResponse.json(body, { status, headers: { ...headers, "retry-after": String(retryAfter) } });
    }
    let operator: Operator | null = null;
    try {
      assertDeclaredLength(request);
      operator = await callerOf(request, requestId);
      if (!operator) throw unauthorized();
      // A token is sent by a program, never by a browser on its own: no origin to check.
      if (!SAFE_METHODS.has(request.method) && !operator.token) assertSameOrigin(request);
      if (operator.mustChangePassword && !options.beforePasswordChange) throw passwordChangeRequired();
      assertNotSessionOnly(operator, options as TokenRules<unknown>);
      if (!hasRole(operator.role, options.role)) throw forbidden(options.role);
      const params = parse(options.params as P, await context.params, "path");
      const query = parse(options.query as Q, queryObject(new URL(request.url)), "query");
      const body = options.body ? parse(options.body as B, await readJson(request), "body") : ((await assertNoBody(request)) as Infer<B>);
      assertTokenProviders(operator, options, { params, query, body });
      const signedIn = operator;
      const answer = () =>
        respond(() => handler({ operator: signedIn, params, query, body, requestId, request }), request, requestId, signedIn);
      const key = SAFE_METHODS.has(request.method) ? null : idempotencyKey(request);
      if (!key) return await answer();
      const response = await idempotent(request, operator.id, key, fingerprint(request, { query, body }), answer, options.secretAnswer);
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      return failure(error, request, requestId, operator);
    }
  };
  // Changes are counted while they run, so a stopping server lets them finish (lib/shutdown.ts).
  const guarded = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => {
    if (SAFE_METHODS.has(request.method)) return run(request, context);
    if (isDraining()) {
      const { status, body } = errorBody(new ApiError("shutting_down", "Roster is stopping: try again in a moment"), "");
      return Promise.resolve(
        NextResponse.json(body, { status, headers: { "retry-after": "5", connection: "close", "cache-control": "no-store" } }),
      );
    }
    return trackChange(() => run(request, context));
  };
  // Latency by route pattern for the metrics (lib/ops/metrics.ts).
  const handle = async (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => {
    const started = performance.now();
    const response = await guarded(request, context);
    const pattern = routePattern(new URL(request.url).pathname, await Promise.resolve(context?.params).catch(() => undefined));
    observeApiRequest(pattern, request.method, response.status, performance.now() - started);
    return response;
  };
  // What the route takes, for the test that holds the OpenAPI document to it (lib/api/openapi).
  return Object.assign(handle, { contract: options as RouteContract });
}

/** A route's options as the OpenAPI test reads them back. */
export interface RouteContract {
  role: RosterRole;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  sessionOnly?: string;
  secretAnswer?: boolean;
}
