import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { SandboxRequest, SandboxResponse, SandboxRoute } from "../../sandbox/server";
import type { WireError } from "./schemas";
import type { AstroSandboxState } from "./sandbox-state";
import type { AstroVariance } from "./sandbox-variance";

/**
 * What both API versions of the Astronomer sandbox share: Astro's error body
 * `{message, requestId, statusCode}`, query and body parsing (validation failures are
 * 400), offset pages with `sorts`, and the route wrapper that checks the organization.
 */

export const ORG = "/organizations/{organizationId}";
const DEFAULT_LIMIT = 20;

/** What routes see of the sandbox: its current state and variance (both replaced on reset). */
export interface AstroSandboxContext {
  state(): AstroSandboxState;
  variance(): AstroVariance;
  /** Counts listings answered, so `unstable-order` differs from one request to the next. */
  nextListing(): number;
}

interface HttpFailure {
  sandboxStatus: number;
  message: string;
}

export function fail(status: number, message: string): never {
  throw { sandboxStatus: status, message } satisfies HttpFailure;
}

const isFailure = (error: unknown): error is HttpFailure =>
  typeof error === "object" && error !== null && typeof (error as HttpFailure).sandboxStatus === "number";

export function errorBody(status: number, message: string): WireError {
  return { message, requestId: randomUUID(), statusCode: status };
}

export const ok = (body: unknown, status = 200): SandboxResponse => ({ status, body });

export function intParam(query: URLSearchParams, name: string, fallback: number, max?: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) fail(400, `Invalid query parameter '${name}': must be a non-negative integer`);
  const n = Number(raw);
  if (max !== undefined && n > max) fail(400, `Invalid query parameter '${name}': must be at most ${max}`);
  return n;
}

export function boolParam(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (raw !== "true" && raw !== "false") fail(400, `Invalid query parameter '${name}': must be true or false`);
  return raw === "true";
}

export type Sort<F extends string> = { field: F; desc: boolean };

export function sortsParam<F extends string>(query: URLSearchParams, fields: readonly F[]): Sort<F>[] {
  return query.getAll("sorts").map((raw) => {
    const [field, direction = "asc", extra] = raw.split(":");
    if (extra !== undefined || !fields.includes(field as F) || (direction !== "asc" && direction !== "desc")) {
      fail(400, `Invalid sort '${raw}': use fieldName:asc or fieldName:desc with one of ${fields.join(", ")}`);
    }
    return { field: field as F, desc: direction === "desc" };
  });
}

export function sorted<T, F extends string>(list: T[], sorts: Sort<F>[], value: (item: T, field: F) => string): T[] {
  if (!sorts.length) return list;
  return [...list].sort((a, b) => {
    for (const { field, desc } of sorts) {
      const order = value(a, field).localeCompare(value(b, field));
      if (order) return desc ? -order : order;
    }
    return 0;
  });
}

/**
 * Without `sorts` Astro promises no order; with the `unstable-order` variance the
 * sandbox shows that: each listing starts somewhere else, as a list being written to does.
 */
export function unsorted<T>(ctx: AstroSandboxContext, list: T[], sorts: unknown[]): T[] {
  if (sorts.length || !ctx.variance().has("unstable-order") || list.length < 2) return list;
  const k = (ctx.nextListing() * 7919) % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? null);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  fail(400, `Invalid request body: ${issue.path.length ? `'${issue.path.join(".")}' ` : ""}${issue.message}`);
}

export function checkRole(role: string, allowed: readonly string[]) {
  if (!allowed.includes(role)) fail(400, `Invalid role '${role}': must be one of ${allowed.join(", ")}`);
}

export function page<T, W>(
  list: T[],
  query: URLSearchParams,
  key: string,
  toWire: (item: T) => W,
  options: { max?: number; extra?: number } = {},
) {
  const offset = intParam(query, "offset", 0);
  const limit = intParam(query, "limit", DEFAULT_LIMIT, options.max);
  return { limit, offset, totalCount: list.length + (options.extra ?? 0), [key]: list.slice(offset, offset + limit).map(toWire) };
}

/** A route under one version's base path; it answers 403 for any other organization. */
export function route(
  ctx: AstroSandboxContext,
  basePath: string,
  method: SandboxRoute["method"],
  pattern: string,
  handler: (req: SandboxRequest) => SandboxResponse,
): SandboxRoute {
  return {
    method,
    pattern,
    basePath,
    handler: (req) => {
      try {
        const state = ctx.state();
        if (req.params.organizationId !== undefined && req.params.organizationId !== state.organizationId) {
          fail(403, `You do not have access to organization ${req.params.organizationId}`);
        }
        return handler(req);
      } catch (error) {
        if (isFailure(error)) return { status: error.sandboxStatus, body: errorBody(error.sandboxStatus, error.message) };
        throw error;
      }
    },
  };
}
