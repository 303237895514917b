import { clientAddress } from "./client-address";
import { claimSignInAttempt, type SignInClaim, settleSignInAttempt, throttledMessage } from "./throttle";

/**
 * Wraps next-auth's POST handler with the sign-in throttle (lib/auth/throttle.ts). Only
 * password sign-ins (`/api/auth/callback/credentials`) are throttled: they are the only
 * place a password is checked. A throttled attempt is answered 429 with `Retry-After`
 * and never reaches next-auth, so no password is checked.
 */

type Handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

const SESSION_COOKIE = /(?:^|[\s,])(?:__Secure-)?next-auth\.session-token(?:\.\d+)?=[^;\s]/;

function isPasswordSignIn(request: Request): boolean {
  return new URL(request.url).pathname.replace(/\/+$/, "").endsWith("/api/auth/callback/credentials");
}

/** The email, read the way next-auth reads the body (JSON or a form), so neither escapes the count. */
async function emailOf(request: Request): Promise<string | null> {
  const type = request.headers.get("content-type") ?? "";
  let email: unknown;
  try {
    const text = await request.clone().text();
    if (type.includes("application/json")) email = (JSON.parse(text) as { email?: unknown } | null)?.email;
    else if (type.includes("application/x-www-form-urlencoded")) email = new URLSearchParams(text).get("email");
  } catch {
    return null;
  }
  return typeof email === "string" && email.trim() ? email : null;
}

function signedIn(response: Response): boolean {
  return response.headers.getSetCookie().some((c) => SESSION_COOKIE.test(c));
}

function tooManyAttempts(request: Request, claim: Extract<SignInClaim, { ok: false }>): Response {
  const message = throttledMessage(claim.retryAfterS);
  const base = process.env.NEXTAUTH_URL || request.url;
  const url = new URL("/signin", base);
  url.searchParams.set("error", message);
  // `url` is what next-auth's client reads (`signIn()` puts its `error` in its result);
  // `error` is Roster's usual envelope for anyone else.
  const body = { url: url.toString(), error: { code: "too_many_attempts", message, details: { retryAfter: claim.retryAfterS, scope: claim.scope } } };
  return Response.json(body, {
    status: 429,
    headers: { "retry-after": String(claim.retryAfterS), "cache-control": "no-store" },
  });
}

export function withSignInThrottle(handler: Handler): Handler {
  return async (request, context) => {
    if (!isPasswordSignIn(request)) return handler(request, context);
    const claim = await claimSignInAttempt({ email: await emailOf(request), address: clientAddress(request.headers) });
    if (!claim.ok) return tooManyAttempts(request, claim);
    let succeeded = false;
    try {
      const response = await handler(request, context);
      succeeded = response.status < 400 && signedIn(response);
      return response;
    } finally {
      await settleSignInAttempt(claim, succeeded);
    }
  };
}
