import { type APIRequestContext, request } from "@playwright/test";
import { type DemoRole, E2E } from "../env";
import { apiAs, expect, test } from "../fixtures";
import { ACCESS, type Access, CHANGING, ROLES, routesInTree } from "./api-routes";

/**
 * Access control, from the file tree: every `app/api/** /route.ts` and every HTTP method
 * it exports must have an entry in ACCESS (api-routes.ts), so a new route (or method)
 * without one fails here. For each entry: no session → 401; every demo role below the one
 * it needs → 403; the role it needs is let through; a change from another origin (even
 * one X-Forwarded-Host claims), or one the browser marks cross-site, → 403 even for the
 * owner; and a change with a body over 1 MiB → 413, before anything else. The same with an
 * API token of each role instead of a session (no cookie, no Origin): the same role checks,
 * and routes only a person may call refuse every token.
 */

function send(ctx: APIRequestContext, key: string, access: Access, headers: Record<string, string> = {}) {
  const method = key.split(" ")[0];
  return ctx.fetch(access.path, { method, headers, data: CHANGING.has(method) ? (access.body ?? {}) : undefined, maxRedirects: 0 });
}

test.describe("access control from the file tree", () => {
  const sessions = new Map<DemoRole, APIRequestContext>();
  const tokens = new Map<DemoRole, APIRequestContext>();
  let anonymous: APIRequestContext;

  test.beforeAll(async () => {
    for (const role of ROLES) sessions.set(role, await apiAs(role));
    anonymous = await request.newContext({ baseURL: E2E.baseUrl, extraHTTPHeaders: { origin: E2E.baseUrl } });
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    for (const role of ROLES) {
      const made = await sessions
        .get("owner")!
        .post("/api/tokens", { data: { name: `access-${role}-${process.pid}-${Date.now()}`, role, expiresAt } });
      expect(made.status(), await made.text()).toBe(200);
      const { secret } = (await made.json()) as { secret: string };
      tokens.set(role, await request.newContext({ baseURL: E2E.baseUrl, extraHTTPHeaders: { authorization: `Bearer ${secret}` } }));
    }
  });
  test.afterAll(async () => {
    await Promise.all([...sessions.values(), ...tokens.values(), anonymous].map((c) => c.dispose()));
  });

  test("every route and method under app/api has an entry in the access table", () => {
    const tree = routesInTree();
    expect(tree.length).toBeGreaterThan(20);
    const missing = tree.filter((key) => !(key in ACCESS));
    expect(missing, "routes without an access entry: add each to ACCESS with the role it needs").toEqual([]);
    const stale = Object.keys(ACCESS).filter((key) => !tree.includes(key));
    expect(stale, "access entries for routes that no longer exist").toEqual([]);
  });

  for (const [key, access] of Object.entries(ACCESS)) {
    test(`${key}: 401 signed out, 403 below ${access.role}, cross-site changes refused`, async () => {
      const anon = await send(anonymous, key, access);
      expect.soft(anon.status(), `${key} without a session`).toBe(401);
      expect.soft(anon.headers()["content-type"]).toContain("application/json");
      expect.soft((await anon.json()).error).toMatchObject({ code: "unauthorized", message: expect.any(String) });

      for (const role of ROLES.slice(0, ROLES.indexOf(access.role))) {
        const res = await send(sessions.get(role)!, key, access);
        expect.soft(res.status(), `${key} as ${role}`).toBe(403);
        expect.soft((await res.json()).error.code, `${key} as ${role}`).toBe("forbidden");
      }

      if (!access.skipAllowed) {
        const allowed = await send(sessions.get(access.role)!, key, access);
        expect.soft([401, 403], `${key} as ${access.role} is let through (got ${allowed.status()})`).not.toContain(allowed.status());
      }

      // API tokens: the role's checks without a cookie or an Origin, or refused outright where a person is needed.
      for (const role of ROLES) {
        const res = await send(tokens.get(role)!, key, access);
        const code = res.headers()["content-type"]?.includes("json")
          ? ((await res.json()) as { error?: { code?: string } }).error?.code
          : undefined;
        if (access.sessionOnly) {
          expect.soft([res.status(), code], `${key} with a ${role} token`).toEqual([403, "session_required"]);
        } else if (ROLES.indexOf(role) < ROLES.indexOf(access.role)) {
          expect.soft([res.status(), code], `${key} with a ${role} token`).toEqual([403, "forbidden"]);
        } else if (!access.skipAllowed) {
          expect.soft([401, 403], `${key} with a ${role} token is let through (got ${res.status()} ${code})`).not.toContain(res.status());
        }
      }

      if (CHANGING.has(key.split(" ")[0])) {
        const owner = sessions.get("owner")!;
        const foreign = await send(owner, key, access, { origin: "https://evil.example" });
        expect.soft(foreign.status(), `${key} from another origin`).toBe(403);
        expect.soft((await foreign.json()).error.code).toBe("cross_origin");
        const crossSite = await send(owner, key, access, { "sec-fetch-site": "cross-site" });
        expect.soft(crossSite.status(), `${key} marked Sec-Fetch-Site: cross-site`).toBe(403);
        expect.soft((await crossSite.json()).error.code).toBe("cross_origin");
        const spoofed = await send(owner, key, access, {
          origin: "https://evil.example",
          "x-forwarded-host": "evil.example",
          "x-forwarded-proto": "https",
        });
        expect.soft(spoofed.status(), `${key} from another origin that X-Forwarded-Host claims`).toBe(403);
        // A body over 1 MiB is refused before it is read, for anyone (signed in or not).
        for (const ctx of [owner, anonymous]) {
          const big = await ctx.fetch(access.path, {
            method: key.split(" ")[0],
            data: `{"x":"${"a".repeat(1024 * 1024)}"}`,
            headers: { "content-type": "application/json" },
            maxRedirects: 0,
          });
          expect.soft(big.status(), `${key} with a 1 MiB body`).toBe(413);
          expect.soft((await big.json()).error.code).toBe("payload_too_large");
        }
      }
    });
  }
});
