import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, readBodyText } from "./body-limit";
import { assertSameOrigin, ownOrigin } from "./origin";
import { apiRateLimits, rateKey, takeRequest } from "./rate-limit";
import { requestIdOf } from "./request-id";

const req = (headers: Record<string, string>, url = "http://localhost:3000/api/sync") => new Request(url, { method: "POST", headers });

describe("origin check", () => {
  it("compares scheme, host and port with NEXTAUTH_URL", () => {
    const env = { NEXTAUTH_URL: "https://roster.example.com" };
    expect(() => assertSameOrigin(req({ origin: "https://roster.example.com" }), env)).not.toThrow();
    for (const origin of ["http://roster.example.com", "https://roster.example.com:8443", "https://evil.example", "null", "garbage"]) {
      expect(
        () => assertSameOrigin(req({ origin, host: "roster.example.com", "x-forwarded-host": new URL(origin, "http://x").host }), env),
        origin,
      ).toThrow(/Changes must come from Roster/);
    }
  });

  it("without NEXTAUTH_URL reads X-Forwarded-Host/-Proto only behind a trusted proxy", () => {
    const headers = { host: "internal:3000", "x-forwarded-host": "roster.example.com", "x-forwarded-proto": "https" };
    expect(ownOrigin(req(headers, "http://internal:3000/api/sync"), {})).toBe("http://internal:3000");
    expect(ownOrigin(req(headers, "http://internal:3000/api/sync"), { ROSTER_TRUST_PROXY: "1" })).toBe("https://roster.example.com");
    expect(() =>
      assertSameOrigin(req({ ...headers, origin: "https://roster.example.com" }, "http://internal:3000/api/sync"), {}),
    ).toThrow();
    expect(() =>
      assertSameOrigin(req({ ...headers, origin: "https://roster.example.com" }, "http://internal:3000/api/sync"), {
        ROSTER_TRUST_PROXY: "1",
      }),
    ).not.toThrow();
  });

  it("takes the Referer when there is no Origin, and refuses a request with neither", () => {
    const env = { NEXTAUTH_URL: "http://localhost:3000" };
    expect(() => assertSameOrigin(req({ referer: "http://localhost:3000/users" }), env)).not.toThrow();
    expect(() => assertSameOrigin(req({ referer: "https://localhost:3000/users" }), env)).toThrow();
    expect(() => assertSameOrigin(req({}), env)).toThrow(/missing Origin/);
  });
});

describe("request ids", () => {
  it("keeps short plain ids and replaces anything else", () => {
    expect(requestIdOf(req({ "x-request-id": "abc-123_x.y" }))).toBe("abc-123_x.y");
    for (const bad of ["x".repeat(65), "a b", "<script>", "a/b", ""])
      expect(requestIdOf(req({ "x-request-id": bad }))).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("rate limit", () => {
  it("lets a burst through, then answers with the seconds until the next request fits", () => {
    const limits = { perMs: 60 / 60_000, burst: 3 };
    const key = `test-${Math.random()}`;
    const t = 1_000_000;
    for (let i = 0; i < 3; i++) expect(takeRequest(key, limits, t)).toBeNull();
    expect(takeRequest(key, limits, t)).toBe(1);
    expect(takeRequest(key, limits, t + 1_000)).toBeNull();
  });

  it("is on by default, generous, and off with 0", () => {
    expect(apiRateLimits({})).toEqual({ perMs: 0.1, burst: 600 });
    expect(apiRateLimits({ ROSTER_API_RATE_PER_MINUTE: "0" })).toBeNull();
    expect(apiRateLimits({ ROSTER_API_RATE_BURST: "0" })).toBeNull();
  });

  it("counts per session cookie, else per address", () => {
    const a = rateKey(req({ cookie: "next-auth.session-token=abc" }));
    expect(a).toBe(rateKey(req({ cookie: "x=1; next-auth.session-token=abc" })));
    expect(a).not.toBe(rateKey(req({ cookie: "next-auth.session-token=abd" })));
    expect(rateKey(req({ "x-forwarded-for": "192.0.2.1" }), { ROSTER_TRUST_PROXY: "1" })).toBe("a:192.0.2.1");
  });
});

describe("body limit", () => {
  it("refuses a declared length over 1 MiB without reading", async () => {
    const request = new Request("http://x/", { method: "POST", body: "{}", headers: { "content-length": String(MAX_BODY_BYTES + 1) } });
    await expect(readBodyText(request)).rejects.toMatchObject({ status: 413, code: "payload_too_large" });
  });

  it("stops reading a stream past the limit", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(256 * 1024));
      },
    });
    const request = new Request("http://x/", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    await expect(readBodyText(request)).rejects.toMatchObject({ status: 413 });
    expect(pulled).toBeLessThan(10);
    expect(await readBodyText(new Request("http://x/", { method: "POST", body: "héllo" }))).toBe("héllo");
  });
});
