import { NextRequest } from "next/server";
import { readBodyText } from "../api/body-limit";
import { ApiError } from "../api/errors";
import { ERROR_STATUS, type ErrorCode } from "../api/error-codes";

/**
 * What reaches next-auth's catch-all (`/api/auth/[...nextauth]`), checked before it does.
 *
 * next-auth (v4, app router) acts on the route's decoded segments: `params.nextauth[0]` is
 * the action, `[1]` the provider, anything after is ignored, and the query plays no part.
 * So `/api/auth/callback/%63redentials` and `/api/auth/callback/credentials/x` reach the
 * password check as surely as the canonical path. Roster answers only canonical paths:
 * one or two lower-case segments, spelled in the URL exactly as next-auth will read them
 * (no percent-encoding, no empty, dot or extra segments, no `;params`); anything else is
 * a 404 that never reaches next-auth.
 *
 * The body is read once, at most 1 MiB, and next-auth gets a copy made from what Roster
 * parsed, so the email the throttle counts is the one next-auth checks: a form with a
 * field given twice is refused (next-auth keeps the last), a body that is neither a form
 * nor a JSON object is refused with a 4xx (next-auth would answer 500 to broken JSON).
 */

const SEGMENT = /^[a-z0-9_-]{1,64}$/;
const BASE = "/api/auth/";
const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

export type AuthContext = { params: Promise<{ nextauth: string[] }> };

/** The segments next-auth will act on, or null when the URL is not spelled as they read. */
export async function canonicalSegments(request: Request, context: AuthContext): Promise<string[] | null> {
  const segments = (await context.params)?.nextauth;
  if (!Array.isArray(segments) || segments.length < 1 || segments.length > 2) return null;
  if (!segments.every((s) => typeof s === "string" && SEGMENT.test(s))) return null;
  const url = new URL(request.url);
  return url.pathname === BASE + segments.join("/") ? segments : null;
}

/** Where a password is checked: next-auth's credentials callback. */
export function isPasswordCheck(segments: readonly string[]): boolean {
  return segments[0] === "callback" && segments[1] === "credentials";
}

export function authError(code: ErrorCode, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { code, message } }, { status: ERROR_STATUS[code], headers: { "cache-control": "no-store", ...headers } });
}

export const notAnAuthPath = () => authError("not_found", "No such sign-in endpoint");

export interface AuthBody {
  /** The fields next-auth will read (null: no body). */
  fields: Record<string, unknown> | null;
  /** The same body, rebuilt for next-auth. */
  request: NextRequest;
}

function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

function parseFields(text: string, type: string): Record<string, unknown> {
  if (type === FORM) {
    const params = new URLSearchParams(text);
    const fields: Record<string, string> = {};
    for (const [key, value] of params) {
      if (Object.hasOwn(fields, key)) throw new ApiError("malformed_body", `body: the field "${key.slice(0, 64)}" is given more than once`);
      fields[key] = value;
    }
    return fields;
  }
  if (type === JSON_TYPE || /^application\/[\w.-]+\+json$/.test(type)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new ApiError("malformed_body", "body: not valid JSON");
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) throw new ApiError("malformed_body", "body: must be a JSON object");
    return value as Record<string, unknown>;
  }
  const got = type ? `"${type.slice(0, 100)}"` : "none";
  throw new ApiError("unsupported_media_type", `body: must be a form (${FORM}) or JSON (got ${got})`);
}

/** Reads and checks a POST body (throws ApiError 413/415/400), and rebuilds the request for next-auth. */
export async function readAuthBody(request: Request): Promise<AuthBody> {
  const text = await readBodyText(request);
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  if (!text.trim()) {
    headers.delete("content-type");
    return { fields: null, request: new NextRequest(request.url, { method: request.method, headers }) };
  }
  const type = mediaType(request);
  const fields = parseFields(text, type);
  // next-auth reads a body by `content-type.includes(...)`: give it exactly what was parsed.
  headers.set("content-type", type === FORM ? FORM : JSON_TYPE);
  return { fields, request: new NextRequest(request.url, { method: request.method, headers, body: text }) };
}
