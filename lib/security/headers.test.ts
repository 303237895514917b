import { describe, expect, it } from "vitest";
import { HSTS_VALUE, newNonce, pageCsp, STATIC_SECURITY_HEADERS } from "./headers";

describe("page Content-Security-Policy", () => {
  it("allows scripts only with the nonce, and nothing inline without it", () => {
    const csp = pageCsp({ nonce: "abc123" });
    const script = /script-src ([^;]*)/.exec(csp)?.[1].split(" ");
    expect(script).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("adds eval only for next dev, and upgrades requests only over https", () => {
    expect(pageCsp({ nonce: "n", dev: true })).toContain("'strict-dynamic' 'unsafe-eval'");
    expect(pageCsp({ nonce: "n", https: true })).toMatch(/; upgrade-insecure-requests$/);
  });

  it("makes a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("https and static headers", () => {
  it("sends the static headers every response needs, and a long HSTS", () => {
    expect(HSTS_VALUE).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    expect(STATIC_SECURITY_HEADERS).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "same-origin",
    });
    expect(STATIC_SECURITY_HEADERS["Permissions-Policy"]).toContain("camera=()");
  });
});
