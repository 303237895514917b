import { createHash } from "node:crypto";
import { clientAddress } from "../auth/client-address";
import { countLimited } from "../ops/metrics";
import { bearerOf } from "../tokens/secret";

/**
 * The API's rate limit: a token bucket per API token, per session (the session cookie), or
 * per client address for requests with neither. `ROSTER_API_RATE_PER_MINUTE` (default 6000, i.e. 100
 * a second sustained) refills it, `ROSTER_API_RATE_BURST` (default 600) is its size; `0`
 * for either turns the limit off. A request over it is answered 429 with `Retry-After`.
 * Generous on purpose: the pages and the load bench (50 clients sharing three sessions)
 * stay far below it; it stops one session or address from flooding a server. Each server
 * counts its own requests, in memory.
 */

type Env = Record<string, string | undefined>;

interface Bucket {
  tokens: number;
  at: number;
}

interface Limits {
  perMs: number;
  burst: number;
}

const STATE = Symbol.for("roster.apiRateLimit");
type State = { buckets: Map<string, Bucket>; sweptAt: number };

function state(): State {
  const g = globalThis as { [STATE]?: State };
  g[STATE] ??= { buckets: new Map(), sweptAt: 0 };
  return g[STATE];
}

function number(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw !== undefined && raw.trim() !== "" && Number.isFinite(n) && n >= 0 ? n : fallback;
}

export function apiRateLimits(env: Env = process.env): Limits | null {
  const perMinute = number(env.ROSTER_API_RATE_PER_MINUTE, 6000);
  const burst = number(env.ROSTER_API_RATE_BURST, 600);
  if (perMinute === 0 || burst === 0) return null;
  return { perMs: perMinute / 60_000, burst: Math.max(1, Math.floor(burst)) };
}

const SESSION_COOKIE = /(?:^|;\s*)((?:__Secure-)?next-auth\.session-token(?:\.0)?)=([^;]+)/;

/** Whose bucket a request draws from: its API token's, else its session cookie's, else its address's. */
export function rateKey(request: Request, env: Env = process.env): string {
  const bearer = bearerOf(request);
  if (bearer) return `t:${createHash("sha256").update(bearer).digest("base64url").slice(0, 22)}`;
  const session = SESSION_COOKIE.exec(request.headers.get("cookie") ?? "")?.[2];
  if (session) return `s:${createHash("sha256").update(session).digest("base64url").slice(0, 22)}`;
  return `a:${clientAddress(request.headers, env) ?? "unknown"}`;
}

/** Drops buckets that have refilled (idle ones), at most once a minute. */
function sweep(s: State, limits: Limits, now: number) {
  if (now - s.sweptAt < 60_000) return;
  s.sweptAt = now;
  for (const [key, b] of s.buckets) if (b.tokens + (now - b.at) * limits.perMs >= limits.burst) s.buckets.delete(key);
}

/** Takes one request from the key's bucket: null when allowed, else the seconds to wait. */
export function takeRequest(key: string, limits: Limits, now = Date.now()): number | null {
  const s = state();
  sweep(s, limits, now);
  const bucket = s.buckets.get(key) ?? { tokens: limits.burst, at: now };
  bucket.tokens = Math.min(limits.burst, bucket.tokens + (now - bucket.at) * limits.perMs);
  bucket.at = now;
  s.buckets.set(key, bucket);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return null;
  }
  return Math.max(1, Math.ceil((1 - bucket.tokens) / limits.perMs / 1000));
}

/** The seconds to wait when this request is over the limit, else null. */
export function overApiRateLimit(request: Request, env: Env = process.env): number | null {
  const limits = apiRateLimits(env);
  const wait = limits ? takeRequest(rateKey(request, env), limits) : null;
  if (wait !== null) countLimited("api_rate");
  return wait;
}
