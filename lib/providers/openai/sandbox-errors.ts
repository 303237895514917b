import type { z } from "zod";
import type { SandboxResponse } from "../../sandbox/server";
import type { WireErrorResponse } from "./schemas";

/**
 * The sandbox's answers in OpenAI's `ErrorResponse` shape. Validation failures are 400
 * `invalid_request_error` with `param` naming the field, as the real API answers.
 */

function errorType(status: number): string {
  if (status === 429) return "requests";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

function defaultCode(status: number): string | null {
  if (status === 401) return "invalid_api_key";
  if (status === 429) return "rate_limit_exceeded";
  return null;
}

export function openAIErrorBody(
  status: number,
  message: string,
  param: string | null = null,
  code: string | null = null,
): WireErrorResponse {
  return { error: { message, type: errorType(status), param, code: code ?? defaultCode(status) } };
}

export function fail(status: number, message: string, param: string | null = null, code: string | null = null): SandboxResponse {
  return { status, body: openAIErrorBody(status, message, param, code) };
}

function paramName(path: ReadonlyArray<PropertyKey>): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : `${i ? "." : ""}${String(key)}`)).join("");
}

function valueAt(body: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = body;
  for (const key of path) value = value && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (Number.isInteger(value)) return "an integer";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

const quoted = (values: readonly unknown[]) => values.map((v) => `'${String(v)}'`).join(", ");

/** The first zod issue of a request body, as OpenAI words it. */
export function invalidBody(body: unknown, issue: z.core.$ZodIssue): SandboxResponse {
  if (issue.path.length === 0) return fail(400, "The request body must be a JSON object.");
  const param = paramName(issue.path);
  const value = valueAt(body, issue.path);
  if (value === undefined) return fail(400, `Missing required parameter: '${param}'.`, param, "missing_required_parameter");
  if (issue.code === "invalid_type") {
    return fail(
      400,
      `Invalid type for '${param}': expected ${issue.expected === "string" ? "a string" : issue.expected}, but got ${describeType(value)} instead.`,
      param,
      "invalid_type",
    );
  }
  if (issue.code === "invalid_value") {
    return fail(400, `Invalid value: '${String(value)}'. Supported values are: ${quoted(issue.values)}.`, param, "invalid_value");
  }
  return fail(400, `Invalid '${param}': ${issue.message}.`, param, "invalid_value");
}

/** Thrown inside a sandbox handler to answer with an error; see `answerRefusals`. */
export class Refusal extends Error {
  constructor(readonly response: SandboxResponse) {
    super("sandbox refusal");
  }
}

export function refusal(status: number, message: string, param: string | null = null, code: string | null = null): Refusal {
  return new Refusal(fail(status, message, param, code));
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw new Refusal(invalidBody(body, result.error.issues[0]));
  return result.data;
}

export function answerRefusals<A extends unknown[]>(handler: (...args: A) => SandboxResponse) {
  return (...args: A): SandboxResponse => {
    try {
      return handler(...args);
    } catch (error) {
      if (error instanceof Refusal) return error.response;
      throw error;
    }
  };
}
