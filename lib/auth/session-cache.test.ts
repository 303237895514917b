import { describe, expect, it } from "vitest";
import { cachedSession, rememberSession, sessionCookieKey } from "./session-cache";

/** Decoded sessions are kept by a hash of the cookie, and never past the session's end. */
describe("session cache", () => {
  const jar = (cookies: Record<string, string>) => ({ get: (name: string) => (name in cookies ? { value: cookies[name] } : undefined) });

  it("keys by a hash of the session cookie (either name), never the cookie itself; none without one", () => {
    const key = sessionCookieKey(jar({ "next-auth.session-token": "secret-jwe" }));
    expect(key).toBeTruthy();
    expect(key).not.toContain("secret-jwe");
    expect(sessionCookieKey(jar({ "__Secure-next-auth.session-token": "secret-jwe" }))).not.toBe(key);
    expect(sessionCookieKey(jar({ other: "x" }))).toBeNull();
  });

  it("answers until the session ends, then forgets it", () => {
    const now = 1_000_000;
    rememberSession("k1", { id: "op", sv: 3, until: now + 10 });
    expect(cachedSession("k1", now)).toMatchObject({ id: "op", sv: 3 });
    expect(cachedSession("k1", now + 10)).toBeNull();
    expect(cachedSession("k1", now), "forgotten once past its end").toBeNull();
  });
});
