import { describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { NextRequest } from "next/server";
import { proxy } from "../../proxy";
import { newNonce, pageCsp } from "./headers";

const nextConfig = createRequire(import.meta.url)("../../next.config.js") as { headers: () => Promise<HeaderRule[]> };

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

describe("the headers real answers carry", () => {
  it("a page answer from proxy.ts has its own nonce policy, and HSTS only over https", () => {
    const overHttps = proxy(new NextRequest("https://roster.example/users"));
    const csp = overHttps.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'/);
    expect(overHttps.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    // Next hands the page the same nonce through the request headers it passes on.
    expect(overHttps.headers.get("x-middleware-request-x-nonce")).toBe(/'nonce-([^']+)'/.exec(csp)?.[1]);

    const overHttp = proxy(new NextRequest("http://roster.example/users", { headers: { "x-nonce": "chosen-by-client" } }));
    expect(overHttp.headers.get("strict-transport-security")).toBeNull();
    expect(overHttp.headers.get("x-middleware-request-x-nonce")).not.toBe("chosen-by-client");
    expect(overHttp.headers.get("content-security-policy")).not.toBe(csp);
  });

  it("next.config.js gives every answer, pages and API alike, the static headers, and the API its own policy", async () => {
    const rules = await nextConfig.headers();
    const sent = (path: string) =>
      Object.fromEntries(rules.filter((r) => matches(r.source, path)).flatMap((r) => r.headers.map((h) => [h.key, h.value])));
    for (const path of ["/", "/users", "/api/users", "/_next/static/chunks/app.js"]) {
      expect(sent(path), path).toMatchObject({
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
      });
      expect(sent(path)["Permissions-Policy"], path).toContain("camera=()");
    }
    expect(sent("/api/users")["Content-Security-Policy"]).toMatch(/^default-src 'none'.*frame-ancestors 'none'/);
    expect(sent("/users")["Content-Security-Policy"]).toBeUndefined();
  });
});

interface HeaderRule {
  source: string;
  headers: Array<{ key: string; value: string }>;
}

/** Next's `source` patterns as next.config.js uses them: `/:path*` under a literal prefix. */
function matches(source: string, path: string): boolean {
  const prefix = source.replace(/\/:path\*$/, "");
  return path === prefix || path.startsWith(`${prefix}/`) || prefix === "";
}
