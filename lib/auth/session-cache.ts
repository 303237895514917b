import { createHash } from "node:crypto";

/**
 * Decoded sessions by cookie, so a request does not decrypt (and next-auth re-encrypt) the
 * session token that the same browser sent a moment ago. A cookie's content never changes,
 * so what it decodes to is kept until the session's own end (`until`, 8 hours after
 * sign-in), and never past it. Nothing here decides whether the session still counts: the
 * operator's row and session version are checked on every request (lib/operators/cache.ts),
 * so a sign-out, disable or role change still ends it at once. Keys are hashes of the
 * cookie, never the cookie itself.
 */

export interface DecodedSession {
  id: string;
  sv: unknown;
  /** When the session ends, Unix seconds. */
  until: number;
}

/** next-auth's session cookie, with and without the `__Secure-` prefix an https URL gives it. */
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];
const MAX_ENTRIES = 5000;

const globalForSessions = globalThis as unknown as { __rosterSessions?: Map<string, DecodedSession> };

function sessions(): Map<string, DecodedSession> {
  return (globalForSessions.__rosterSessions ??= new Map());
}

/** The cache key of the request's session cookie; null when there is none (or it came in chunks). */
export function sessionCookieKey(cookies: { get(name: string): { value: string } | undefined }): string | null {
  for (const name of SESSION_COOKIES) {
    const value = cookies.get(name)?.value;
    if (value) return createHash("sha256").update(`${name}=${value}`).digest("base64url");
  }
  return null;
}

/** The decoded session for this cookie, while it lasts. */
export function cachedSession(key: string, nowS = Date.now() / 1000): DecodedSession | null {
  const hit = sessions().get(key);
  if (!hit) return null;
  if (nowS < hit.until) return hit;
  sessions().delete(key);
  return null;
}

export function rememberSession(key: string, session: DecodedSession): void {
  const map = sessions();
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(key, session);
}
