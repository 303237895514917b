import type { ProviderId } from "../../lib/providers/types";
import { E2E } from "../env";
import { apiAs, expect, test } from "../fixtures";
import { raw } from "./raw-http";

/**
 * Issue 12's edge protections over HTTP on the production build: spaced and joined forced
 * syncs (6), the page policy on prefetches and no client nonce (8), only known sign-in
 * error codes on the page (9), safe request ids and no invisible characters in path ids
 * (10), the origin check on scheme and host with no client X-Forwarded-Host (11), and
 * members whose provider email Roster would not accept as input (13).
 */

const PROVIDERS = Object.keys(E2E.sandbox) as ProviderId[];
const run = `${process.pid}${Date.now()}`.slice(-9);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sandboxCalls(): Promise<Record<ProviderId, number>> {
  const out = {} as Record<ProviderId, number>;
  for (const p of PROVIDERS)
    out[p] = ((await (await fetch(`${E2E.sandbox[p]}/__sandbox/requests`)).json()) as { requests: unknown[] }).requests.length;
  return out;
}
const clearCalls = () => Promise.all(PROVIDERS.map((p) => fetch(`${E2E.sandbox[p]}/__sandbox/requests`, { method: "DELETE" })));

test.describe("forced syncs are joined and spaced out", () => {
  // Forty-odd requests with waits of 2 s between phases: more than a minute on a busy machine.
  test.describe.configure({ timeout: 180_000 });
  test("a viewer's 20 POST /api/sync cost each provider one list read per sync interval, not twenty; another session still gets a fresh read", async ({
    as,
  }) => {
    const viewer = await as("viewer");
    // One sync alone: what a sync costs each provider.
    await sleep(2_100);
    await clearCalls();
    expect((await viewer.post("/api/sync", { data: {} })).status()).toBe(200);
    const one = await sandboxCalls();
    for (const p of PROVIDERS) expect(one[p], p).toBeGreaterThan(0);

    await sleep(2_100);
    await clearCalls();
    const started = Date.now();
    for (let i = 0; i < 20; i++) expect((await viewer.post("/api/sync", { data: {} })).status()).toBe(200);
    // Forced syncs start at most once per ROSTER_SYNC_MIN_INTERVAL_MS (2 s): a bound from the time the 20 took.
    const intervals = 1 + Math.ceil((Date.now() - started) / 2_000);
    const burst = await sandboxCalls();
    for (const p of PROVIDERS) {
      expect(burst[p], `${p}: ${burst[p]} calls for 20 syncs, one sync is ${one[p]}, ${intervals} intervals`).toBeLessThanOrEqual(
        intervals * one[p],
      );
    }

    // Someone else asking right after still gets what the provider has now.
    const email = `fresh-${run}@example.com`;
    const made = await fetch(`${E2E.sandbox.openai}/v1/organization/invites`, {
      method: "POST",
      headers: { authorization: "Bearer sandbox", "content-type": "application/json" },
      body: JSON.stringify({ email, role: "reader" }),
    });
    expect(made.status).toBe(200);
    const admin = await as("admin");
    expect((await admin.post("/api/sync", { data: { provider: "openai" } })).status()).toBe(200);
    const found = (await (await admin.get(`/api/users?q=${encodeURIComponent(email)}`)).json()) as { total: number };
    expect(found.total, "the other session's sync read the provider again").toBe(1);
    await fetch(`${E2E.sandbox.openai}/__sandbox/reset`, { method: "POST" });
    expect((await (await as("viewer")).post("/api/sync", { data: { provider: "openai" } })).status()).toBe(200);
  });
});

test.describe("page policy and nonce", () => {
  const CLIENT_NONCE = "QUJDREVGR0hJSktMTU5PUA==";
  for (const [name, headers] of [
    ["a page", {}],
    ["Purpose: prefetch", { purpose: "prefetch" }],
    ["Sec-Purpose: prefetch", { "sec-purpose": "prefetch" }],
    ["Next-Router-Prefetch: 1", { "next-router-prefetch": "1" }],
    ["an RSC prefetch", { "next-router-prefetch": "1", rsc: "1" }],
  ] as Array<[string, Record<string, string>]>) {
    test(`${name}: answered with a Content-Security-Policy whose nonce is the server's, not the client's x-nonce`, async () => {
      for (const path of ["/signin", "/connections", "/"]) {
        const res = await raw(path, { headers: { ...headers, "x-nonce": CLIENT_NONCE } });
        const csp = String(res.headers["content-security-policy"] ?? "");
        expect(csp, `${path}: ${res.status}`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
        expect(csp).not.toContain(CLIENT_NONCE);
        expect(res.text, path).not.toContain(CLIENT_NONCE);
      }
    });
  }
});

test.describe("sign-in page errors", () => {
  test("shows words only for known ?error= codes, never text from the URL", async () => {
    const planted = `Your account is locked ${run}. Call +1 555 0100 to unlock it`;
    const page = await raw(`/signin?error=${encodeURIComponent(planted)}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(`locked ${run}`);
    expect(page.text).toContain("Sign-in failed. Try again");
    const known = await raw("/signin?error=CredentialsSignin");
    expect(known.text).toContain("Wrong email or password");
    const sso = await raw("/signin?error=SsoDomain");
    expect(sso.text).toContain("Your email domain may not sign in to Roster.");
  });
});

test.describe("request ids and path ids", () => {
  test("only a short plain x-request-id is echoed and audited; anything else is replaced", async ({ as }) => {
    const viewer = await as("viewer");
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect((await viewer.get("/api/roles", { headers: { "x-request-id": `ok-${run}_1.2` } })).headers()["x-request-id"]).toBe(
      `ok-${run}_1.2`,
    );
    for (const bad of ["x".repeat(65), "x".repeat(8000), "<script>alert(1)</script>", "a b", "a;b", "a/b", "%E2%80%AE"]) {
      const res = await viewer.get("/api/roles", { headers: { "x-request-id": bad } });
      expect(res.headers()["x-request-id"], bad.slice(0, 20)).toMatch(uuid);
    }
    const requester = await as("requester");
    const long = `r${run}`.padEnd(4000, "x");
    const made = await requester.post("/api/invite-requests", {
      data: { emails: [`reqid-${run}@example.com`], providers: [{ provider: "openai", role: "reader" }], reason: "request id test" },
      headers: { "x-request-id": long },
    });
    expect(made.status(), await made.text()).toBe(200);
    const answered = made.headers()["x-request-id"];
    expect(answered).toMatch(uuid);
    const audit = (await (await requester.get("/api/audit?pageSize=20")).json()) as { events: Array<{ requestId: string | null }> };
    expect(
      audit.events.some((e) => e.requestId === answered),
      "the audit row has the id Roster made",
    ).toBe(true);
    expect(audit.events.some((e) => (e.requestId ?? "").length > 64)).toBe(false);
  });

  test("ids with bidirectional overrides, other format characters or controls are refused with 422 naming the id", async ({ as }) => {
    const admin = await as("admin");
    for (const ch of ["\u202E", "\u2066", "\u200B", "\u200D", "\u00AD", "\uFEFF", "\u0085", "\u2028"]) {
      const id = encodeURIComponent(`user-${ch}abc`);
      const change = await admin.patch(`/api/members/openai/${id}`, { data: { role: "reader" } });
      expect(change.status(), `U+${ch.charCodeAt(0).toString(16)}`).toBe(422);
      expect((await change.json()).error.message).toContain("memberId");
      const remove = await admin.delete(`/api/members/openai/${id}`);
      expect(remove.status()).toBe(422);
      const revoke = await admin.delete(`/api/invites/openai/${encodeURIComponent(`invite-${ch}x`)}`);
      expect(revoke.status()).toBe(422);
      expect((await revoke.json()).error.message).toContain("inviteId");
    }
  });
});

test.describe("origin check", () => {
  test("a change is refused unless Origin is Roster's own scheme and host; X-Forwarded-Host and -Proto do not make it so", async () => {
    const owner = await apiAs("owner");
    const port = new URL(E2E.baseUrl).port;
    const cases: Array<[string, Record<string, string>]> = [
      ["another scheme", { origin: `https://localhost:${port}` }],
      ["another port", { origin: `http://localhost:${Number(port) + 1}` }],
      [
        "another host, claimed by X-Forwarded-Host",
        { origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
      ],
      ["another host, claimed by X-Forwarded-Host over http", { origin: "http://evil.example", "x-forwarded-host": "evil.example" }],
    ];
    for (const [name, headers] of cases) {
      const res = await owner.post("/api/sync", { data: {}, headers });
      expect(res.status(), name).toBe(403);
      expect((await res.json()).error.code, name).toBe("cross_origin");
    }
    expect((await owner.post("/api/sync", { data: {}, headers: { origin: E2E.baseUrl } })).status()).toBe(200);
    await owner.dispose();
  });
});

test.describe("members Roster would not accept as input", () => {
  test("a member whose provider email fails Roster's email check opens and is offboarded", async ({ as }) => {
    const email = `odd!member#${run}@example.com`;
    const made = await fetch(`${E2E.sandbox.openai}/v1/organization/invites`, {
      method: "POST",
      headers: { authorization: "Bearer sandbox", "content-type": "application/json" },
      body: JSON.stringify({ email, role: "reader" }),
    });
    expect(made.status, await made.clone().text()).toBe(200);
    const admin = await as("admin");
    expect((await admin.post("/api/sync", { data: { provider: "openai" } })).status()).toBe(200);
    const path = `/api/people/${encodeURIComponent(email)}`;
    const person = await admin.get(path);
    expect(person.status(), await person.text()).toBe(200);
    expect((await person.json()).memberships).toHaveLength(1);
    const done = await admin.post(`${path}/offboard`, { data: {} });
    expect(done.status(), await done.text()).toBe(200);
    expect((await done.json()).steps).toMatchObject([{ provider: "openai", ok: true }]);
    expect((await admin.get(path)).status()).toBe(404);
  });
});
