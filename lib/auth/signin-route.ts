import { errorBody } from "../api/errors";
import { ERROR_STATUS, type ErrorCode } from "../api/error-codes";
import { type AuthContext, authError, canonicalSegments, isPasswordCheck, notAnAuthPath, readAuthBody } from "./auth-request";
import { clientAddress } from "./client-address";
import { claimSignInAttempt, type SignInClaim, settleSignInAttempt, throttledMessage } from "./throttle";
import { countLimited } from "../ops/metrics";

/**
 * Wraps next-auth's handlers. Every auth path must be canonical (lib/auth/auth-request.ts:
 * a non-canonical one is a 404 that never reaches next-auth); POST bodies are read once,
 * at most 1 MiB, and checked. Password sign-ins (`/api/auth/callback/credentials`, the
 * only place a password is checked) go through the sign-in throttle (lib/auth/throttle.ts):
 * a throttled attempt is answered 429 with `Retry-After` and never reaches next-auth.
 */

type Handler = (request: Request, context: AuthContext) => Promise<Response>;

const SESSION_COOKIE = /(?:^|[\s,])(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=[^;\s]/;

/** The email next-auth will check (the body is already parsed as it reads it). */
function emailOf(fields: Record<string, unknown> | null): string | null {
  const email = fields?.email;
  return typeof email === "string" && email.trim() ? email : null;
}

function signedIn(response: Response): boolean {
  return response.headers.getSetCookie().some((c) => SESSION_COOKIE.test(c));
}

function tooManyAttempts(request: Request, claim: Extract<SignInClaim, { ok: false }>): Response {
  const message = throttledMessage(claim.retryAfterS);
  countLimited("sign_in_throttle");
  const base = process.env.NEXTAUTH_URL || request.url;
  const url = new URL("/signin", base);
  url.searchParams.set("error", message);
  // `url` is what next-auth's client reads (`signIn()` puts its `error` in its result);
  // `error` is Roster's usual envelope for anyone else.
  const code = "too_many_attempts" satisfies ErrorCode;
  const body = { url: url.toString(), error: { code, message, details: { retryAfter: claim.retryAfterS, scope: claim.scope } } };
  return Response.json(body, {
    status: ERROR_STATUS[code],
    headers: { "retry-after": String(claim.retryAfterS), "cache-control": "no-store" },
  });
}

/** GET (and HEAD): canonical paths only; the credentials callback takes only POST (next-auth would answer 500). */
export function withAuthPaths(handler: Handler): Handler {
  return async (request, context) => {
    const segments = await canonicalSegments(request, context);
    if (!segments) return notAnAuthPath();
    if (isPasswordCheck(segments)) return authError("method_not_allowed", "Sign in with POST", { allow: "POST" });
    return handler(request, context);
  };
}

export function withSignInThrottle(handler: Handler): Handler {
  return async (request, context) => {
    const segments = await canonicalSegments(request, context);
    if (!segments) return notAnAuthPath();
    let body: Awaited<ReturnType<typeof readAuthBody>>;
    try {
      body = await readAuthBody(request);
    } catch (error) {
      const { status, body: envelope } = errorBody(error, "");
      return Response.json(envelope, { status: status >= 500 ? 400 : status, headers: { "cache-control": "no-store" } });
    }
    if (!isPasswordCheck(segments)) return handler(body.request, context);
    const claim = await claimSignInAttempt({ email: emailOf(body.fields), address: clientAddress(request.headers) });
    if (!claim.ok) return tooManyAttempts(request, claim);
    let succeeded = false;
    try {
      const response = await handler(body.request, context);
      succeeded = response.status < 400 && signedIn(response);
      return response;
    } finally {
      await settleSignInAttempt(claim, succeeded);
    }
  };
}
