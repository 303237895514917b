import type { z } from "zod";
import { log } from "../log";
import { observeProviderCall } from "../ops/metrics";
import { isProviderError, ProviderError } from "./errors";
import { PROVIDER_LABELS, type ProviderId } from "./types";

/**
 * The shared HTTP layer for every provider: bearer auth, timeouts, retries with
 * backoff for safe methods only, `Retry-After` on 429/503, and one typed error.
 */

/**
 * Where the bearer token comes from: a fixed key, or one Roster obtains and renews itself
 * (lib/providers/client-credentials.ts).
 */
export interface BearerSource {
  /** The token to send now. */
  token(signal?: AbortSignal): Promise<string>;
  /**
   * The provider refused `rejected` (401): true once a new token is ready (concurrent
   * callers share one renewal), false when this source cannot renew. Asked at most once per request.
   */
  renew(rejected: string, signal?: AbortSignal): Promise<boolean>;
  /** What a 401 means for this credential, around the provider's own words. */
  refused(said: string): string;
}

/** A key that never changes: a 401 means it expired or was revoked. */
export function fixedBearer(token: string, refused?: (said: string) => string): BearerSource {
  return {
    token: () => Promise.resolve(token),
    renew: () => Promise.resolve(false),
    refused: refused ?? ((said) => said),
  };
}

export type Query = Record<string, string | number | boolean | undefined | null | Array<string | number>>;

export interface ProviderHttpOptions {
  provider: ProviderId;
  baseUrl: string;
  /** A fixed bearer token (ignored when `bearer` is given). */
  token: string;
  /** Where tokens come from when they are not fixed. */
  bearer?: BearerSource;
  /** Per attempt. */
  timeoutMs?: number;
  /** Extra attempts for safe requests (GET). Never used for requests that create. */
  retries?: number;
  /** Longest single wait honoured from a Retry-After header. */
  maxRetryAfterMs?: number;
  /** Pull the provider's own message out of its error body. */
  errorMessage: (body: unknown, status: number) => string | null;
  /** Header that carries the provider's request id, if any. */
  requestIdHeader?: string;
  /** Pull the provider's request id out of its error body (Astronomer sends one there). */
  errorRequestId?: (body: unknown) => string | null;
}

export interface RequestOptions<S extends z.ZodType | undefined> {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  query?: Query;
  body?: unknown;
  /** Sent as application/x-www-form-urlencoded instead of a JSON body. */
  form?: Record<string, string>;
  /** This Authorization header instead of the bearer token (an OAuth client authenticating itself). */
  authorization?: string;
  /** zod schema for a 2xx JSON body; omit for empty answers. */
  schema?: S;
  signal?: AbortSignal;
  /** Opt a non-GET request in to retries only when it is idempotent on the provider. */
  idempotent?: boolean;
}

export interface ProviderHttp {
  request<S extends z.ZodType | undefined = undefined>(options: RequestOptions<S>): Promise<S extends z.ZodType ? z.infer<S> : null>;
}

/** What one attempt learnt, for its log entry. */
interface CallRecord {
  status?: number;
  requestId?: string | null;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_RETRIES = 2;
const DEFAULT_MAX_RETRY_AFTER_MS = 10_000;

export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const url = new URL(baseUrl.replace(/\/+$/, "") + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
    else url.searchParams.set(key, String(value));
  }
  return url.toString();
}

/** Seconds or an HTTP date, as RFC 9110 allows. Returns milliseconds, or null. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function backoffMs(attempt: number): number {
  const base = 250 * 2 ** attempt;
  return base + Math.floor(Math.random() * base * 0.25);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** "1.5 s", "15 s". */
function seconds(ms: number): string {
  return `${ms < 10_000 ? Math.round(ms / 100) / 10 : Math.round(ms / 1000)} s`;
}

function shortText(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, " ");
  return trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed;
}

export function createProviderHttp(options: ProviderHttpOptions): ProviderHttp {
  const {
    provider,
    baseUrl,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    retries = DEFAULT_RETRIES,
    maxRetryAfterMs = DEFAULT_MAX_RETRY_AFTER_MS,
    errorMessage,
    requestIdHeader,
    errorRequestId,
  } = options;

  const label = PROVIDER_LABELS[provider];
  const bearer =
    options.bearer ??
    fixedBearer(options.token, (said) => `${label} rejected Roster's API key, which may have expired or been revoked: ${said}`);
  const noAnswer = (requestId: string | null = null) =>
    new ProviderError({
      provider,
      kind: "timeout",
      status: null,
      message: `No answer within ${seconds(timeoutMs)} from ${label}`,
      requestId,
    });

  async function attempt(req: RequestOptions<z.ZodType | undefined>, authorization: string, call: CallRecord = {}): Promise<unknown> {
    const method = req.method ?? "GET";
    const url = buildUrl(baseUrl, req.path, req.query);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        signal,
        headers: {
          ...(authorization ? { authorization } : {}),
          accept: "application/json",
          ...(req.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
          ...(req.body === undefined || req.form ? {} : { "content-type": "application/json" }),
        },
        body: req.form ? new URLSearchParams(req.form).toString() : req.body === undefined ? undefined : JSON.stringify(req.body),
        cache: "no-store",
      });
    } catch (error) {
      if (req.signal?.aborted) throw req.signal.reason;
      if (timeout.aborted) throw noAnswer();
      throw new ProviderError({
        provider,
        kind: "network",
        status: null,
        message: `Could not reach ${new URL(baseUrl).host}: ${(error as Error).cause ? String(((error as Error).cause as Error).message ?? (error as Error).cause) : (error as Error).message}`,
      });
    }

    const requestId = requestIdHeader ? response.headers.get(requestIdHeader) : null;
    Object.assign(call, { status: response.status, requestId });
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (timeout.aborted) throw noAnswer(requestId);
      throw new ProviderError({ provider, kind: "network", status: response.status, message: (error as Error).message, requestId });
    }

    let body: unknown = null;
    let parsed = true;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        parsed = false;
      }
    }

    if (!response.ok) {
      const said =
        (parsed ? errorMessage(body, response.status) : null) ??
        (parsed || !text ? `HTTP ${response.status} ${response.statusText}`.trim() : `HTTP ${response.status}: ${shortText(text)}`);
      // A 401 means the key itself: say so, since the provider's words ("Invalid token") rarely do.
      const message = response.status === 401 && req.authorization === undefined ? bearer.refused(said) : said;
      const bodyRequestId = parsed && errorRequestId ? errorRequestId(body) : null;
      const error = new ProviderError({
        provider,
        kind: "http",
        status: response.status,
        message,
        requestId: requestId ?? bodyRequestId,
      });
      (error as ProviderError & { retryAfterMs?: number | null }).retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      throw error;
    }

    if (!parsed) {
      throw new ProviderError({
        provider,
        kind: "malformed",
        status: response.status,
        message: `${label}'s answer was not valid JSON (${shortText(text) || "empty"})`,
        requestId,
      });
    }
    if (!req.schema) return null;
    const result = req.schema.safeParse(body);
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue?.path.length ? issue.path.join(".") : "body";
      const error = new ProviderError({
        provider,
        kind: "malformed",
        status: response.status,
        message: `Unexpected answer from ${method} ${req.path}: ${where}: ${issue?.message ?? "invalid"}`,
        requestId,
      });
      // The same request gets the same answer: asking again cannot help.
      (error as ProviderError & { schemaFailure?: boolean }).schemaFailure = true;
      throw error;
    }
    return result.data;
  }

  /** One attempt, logged: debug when it succeeds, warn when it fails (headers and query go through redaction). */
  async function loggedAttempt(req: RequestOptions<z.ZodType | undefined>, retry: number, authorization: string): Promise<unknown> {
    const call: CallRecord = {};
    const started = performance.now();
    const entry = () => ({
      provider,
      method: req.method ?? "GET",
      path: req.path,
      query: req.query,
      headers: { authorization },
      status: call.status ?? null,
      ms: Math.round(performance.now() - started),
      requestId: call.requestId ?? null,
      retry,
    });
    try {
      const result = await attempt(req, authorization, call);
      const e = entry();
      observeProviderCall(provider, e.method, e.path, e.status ?? "none", e.ms);
      log.debug({ providerCall: e }, `${provider} ${e.method} ${e.path} -> ${e.status} in ${e.ms} ms`);
      return result;
    } catch (error) {
      const e = entry();
      const status = e.status ?? (isProviderError(error) ? error.kind : "error");
      observeProviderCall(provider, e.method, e.path, status, e.ms);
      log.warn({ providerCall: e, err: error }, `${provider} ${e.method} ${e.path} -> ${status} in ${e.ms} ms`);
      throw error;
    }
  }

  function retryable(error: unknown): error is ProviderError {
    if (!isProviderError(error)) return false;
    if ((error as ProviderError & { schemaFailure?: boolean }).schemaFailure) return false;
    if (error.kind === "timeout" || error.kind === "network" || error.kind === "malformed") return true;
    return error.status === 429 || (error.status !== null && error.status >= 500);
  }

  return {
    async request(req) {
      const safe = (req.method ?? "GET") === "GET" || req.idempotent === true;
      const maxAttempts = safe ? retries + 1 : 1;
      let renewed = false;
      for (let n = 0; ; n++) {
        const token = req.authorization === undefined ? await bearer.token(req.signal) : null;
        try {
          return (await loggedAttempt(req, n, req.authorization ?? `Bearer ${token}`)) as never;
        } catch (error) {
          // A refused token: renew it once and send again (the provider did nothing with a 401), never in a loop.
          if (token !== null && !renewed && isProviderError(error) && error.status === 401 && error.kind === "http") {
            renewed = true;
            if (await bearer.renew(token, req.signal)) {
              n--;
              continue;
            }
          }
          if (n + 1 >= maxAttempts || !retryable(error)) throw error;
          const retryAfter = (error as ProviderError & { retryAfterMs?: number | null }).retryAfterMs;
          if (retryAfter != null && retryAfter > maxRetryAfterMs) throw error;
          await sleep(retryAfter ?? backoffMs(n), req.signal);
        }
      }
    },
  };
}
