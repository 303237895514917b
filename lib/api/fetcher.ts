import { isErrorCode, type ErrorCode } from "./error-codes";

/**
 * The one way the browser calls Roster's own API. Every failure, whether the server
 * answered with its `{ error: { code, message, details? } }` envelope, with something
 * else, or not at all, becomes an `ApiFailure` carrying the request id when there is one.
 * (The server's own error is `ApiError`, lib/api/errors.ts: one name, one meaning.)
 */

/**
 * What failed: one of the server's codes (lib/api/error-codes.ts), or what the browser saw
 * itself: no answer, an answer it could not read, or an HTTP status without a known code.
 */
export type FailureCode = ErrorCode | "network_error" | "invalid_response" | `http_${number}`;

export class ApiFailure extends Error {
  readonly status: number;
  readonly code: FailureCode;
  readonly details: unknown;
  readonly requestId: string | null;

  constructor(init: { status: number; code: FailureCode; message: string; details?: unknown; requestId?: string | null }) {
    super(init.message);
    this.name = "ApiFailure";
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId ?? null;
  }

  /** 4xx other than a timeout (408) or a rate limit (429): asking again will not help. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429;
  }
}

export function isApiFailure(error: unknown): error is ApiFailure {
  return error instanceof ApiFailure;
}

export interface ApiFetchOptions extends Omit<RequestInit, "body"> {
  /** Sent as JSON with the matching content type. */
  json?: unknown;
}

interface ErrorEnvelope {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

function readEnvelope(body: unknown): ErrorEnvelope["error"] | undefined {
  if (body && typeof body === "object" && "error" in body) {
    const error = (body as ErrorEnvelope).error;
    if (error && typeof error === "object") return error;
  }
  return undefined;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** 128 random bits as hex (`crypto.randomUUID` exists only on https and localhost). */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Changes in flight, by method, path and body: an identical one joins the first instead of being sent again. */
const inFlight = new Map<string, Promise<unknown>>();

/**
 * Every change carries an `Idempotency-Key` (the server answers a repeated key with the first
 * answer and changes nothing twice). A change identical to one still in flight (a double click)
 * is not sent again: it shares the first one's answer.
 */
export function apiFetch<T>(path: string, options: ApiFetchOptions = {}): Promise<T> {
  const method = (options.method ?? "GET").toUpperCase();
  if (SAFE_METHODS.has(method)) return send<T>(path, options);
  const id = `${method} ${path} ${options.json === undefined ? "" : JSON.stringify(options.json)}`;
  const running = inFlight.get(id);
  if (running) return running as Promise<T>;
  const headers = new Headers(options.headers);
  if (!headers.has("idempotency-key")) headers.set("idempotency-key", newIdempotencyKey());
  const sending = send<T>(path, { ...options, headers }).finally(() => inFlight.delete(id));
  inFlight.set(id, sending);
  return sending;
}

async function send<T>(path: string, options: ApiFetchOptions): Promise<T> {
  const { json, headers, ...init } = options;
  const requestHeaders = new Headers(headers);
  requestHeaders.set("accept", "application/json");
  if (json !== undefined) requestHeaders.set("content-type", "application/json");

  let response: Response;
  try {
    response = await fetch(path, {
      credentials: "same-origin",
      ...init,
      headers: requestHeaders,
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiFailure({
      status: 0,
      code: "network_error",
      message: "Could not reach Roster. Check your connection and try again.",
    });
  }

  const requestId = response.headers.get("x-request-id");
  const body = await readBody(response);

  if (!response.ok) {
    const envelope = readEnvelope(body);
    throw new ApiFailure({
      status: response.status,
      code: isErrorCode(envelope?.code) ? envelope.code : `http_${response.status}`,
      message:
        typeof envelope?.message === "string" && envelope.message
          ? envelope.message
          : `The server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`,
      details: envelope?.details,
      requestId,
    });
  }

  if (typeof body === "string") {
    throw new ApiFailure({
      status: response.status,
      code: "invalid_response",
      message: "The server sent a response Roster could not read.",
      requestId,
    });
  }
  return body as T;
}
