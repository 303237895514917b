import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getOperator } from "../auth/session";
import { hasRole, type Operator, type RosterRole } from "../auth/roles";
import { ApiError, errorBody, forbidden, unauthorized, validationError } from "./errors";

/**
 * The one wrapper every route handler uses: reads the session, checks the Roster role,
 * refuses cross-origin changes, parses path, query and body with zod, and maps every
 * error to one JSON envelope. Handlers hold no rules themselves: they call lib/.
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

interface RouteOptions<P extends AnySchema | undefined, Q extends AnySchema | undefined, B extends AnySchema | undefined> {
  role: RosterRole;
  params?: P;
  query?: Q;
  body?: B;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Changes must come from Roster's own pages: the Origin (or Referer) must be this host. */
function assertSameOrigin(request: Request) {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const source = request.headers.get("origin") ?? request.headers.get("referer");
  if (!source || !host) throw new ApiError(403, "cross_origin", "Changes must come from Roster itself (missing Origin)");
  let sourceHost: string;
  try {
    sourceHost = new URL(source).host;
  } catch {
    throw new ApiError(403, "cross_origin", "Changes must come from Roster itself (bad Origin)");
  }
  if (sourceHost !== host) throw new ApiError(403, "cross_origin", "Changes must come from Roster itself (cross-origin request refused)");
  // Browsers also say where a request comes from; only Roster's own pages (or the user) may change things.
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new ApiError(403, "cross_origin", "Changes must come from Roster itself (cross-site request refused)");
  }
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(422, "invalid_input", "body: not valid JSON", [{ field: "body", message: "not valid JSON" }]);
  }
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

export function route<
  P extends AnySchema | undefined = undefined,
  Q extends AnySchema | undefined = undefined,
  B extends AnySchema | undefined = undefined,
>(
  options: RouteOptions<P, Q, B>,
  handler: (ctx: RouteContext<Infer<P>, Infer<Q>, Infer<B>>) => Promise<unknown>,
) {
  return async (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    const headers = { "x-request-id": requestId, "cache-control": "no-store" };
    try {
      const operator = await getOperator();
      if (!operator) throw unauthorized();
      if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request);
      if (!hasRole(operator.role, options.role)) throw forbidden(options.role);
      const params = parse(options.params as P, await context.params, "path");
      const query = parse(options.query as Q, queryObject(new URL(request.url)), "query");
      const body = options.body ? parse(options.body as B, await readJson(request), "body") : (undefined as Infer<B>);
      const result = await handler({ operator, params, query, body, requestId, request });
      if (result instanceof Response) {
        result.headers.set("x-request-id", requestId);
        return result;
      }
      return NextResponse.json(result ?? { ok: true }, { headers });
    } catch (error) {
      const { status, body } = errorBody(error, requestId);
      return NextResponse.json(body, { status, headers });
    }
  };
}
