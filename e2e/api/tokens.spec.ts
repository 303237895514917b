import { type APIRequestContext, request } from "@playwright/test";
import type { AuditResponse } from "../../lib/audit/types";
import type { CreatedTokenResponse, TokensResponse } from "../../lib/tokens/types";
import { E2E } from "../env";
import { apiAs, expect, sandbox, test } from "../fixtures";
import { lastAudit, ordinaryMember, roles } from "./member-helpers";

/**
 * API tokens end to end: an owner makes one (secret shown once, stored hashed), a program
 * calls with `Authorization: Bearer roster_pat_…` and no cookie or Origin, with the
 * token's role and provider limit, audited as `token:<name>`; expired and revoked tokens
 * are refused with their own codes; a session cookie still needs Roster's origin.
 */

const run = `${process.pid}-${Date.now()}`;
const SHAPE = /^roster_pat_[A-Za-z0-9_-]{43}$/;
const inADay = () => new Date(Date.now() + 86_400_000).toISOString();

const opened: APIRequestContext[] = [];
async function bearer(secret: string, headers: Record<string, string> = {}): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL: E2E.baseUrl, extraHTTPHeaders: { authorization: `Bearer ${secret}`, ...headers } });
  opened.push(ctx);
  return ctx;
}

async function makeToken(owner: APIRequestContext, name: string, input: { role: string; providers?: string[]; expiresAt?: string }) {
  const res = await owner.post("/api/tokens", { data: { name: `${name}-${run}`, expiresAt: inADay(), ...input } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as CreatedTokenResponse;
}

test.describe("API tokens", () => {
  test.beforeAll(async () => {
    await sandbox.reset();
    const viewer = await apiAs("viewer");
    await viewer.post("/api/sync", { data: {} });
    await viewer.dispose();
  });
  test.afterAll(async () => {
    await Promise.all(opened.splice(0).map((c) => c.dispose()));
  });

  test("an owner creates a token: the secret is answered once, never listed, and only its hash is kept", async ({ as }) => {
    const owner = await as("owner");
    const created = await makeToken(owner, "listed", { role: "viewer", providers: ["openai"] });
    expect(created.secret).toMatch(SHAPE);
    expect(created.token).toMatchObject({
      name: `listed-${run}`,
      role: "viewer",
      providers: ["openai"],
      createdByEmail: E2E.operators.owner,
      lastUsedAt: null,
      state: "active",
    });
    const listText = await (await owner.get("/api/tokens")).text();
    const list = JSON.parse(listText) as TokensResponse;
    expect(list.tokens.find((t) => t.id === created.token.id)).toMatchObject({
      name: `listed-${run}`,
      createdByEmail: E2E.operators.owner,
    });
    expect(listText).not.toContain(created.secret);
    expect(listText).not.toContain(created.secret.slice("roster_pat_".length, 20));
    expect(listText).not.toMatch(/secret|hash/i);
    // Nothing answers the secret again, and the audit log never had it.
    expect((await owner.get(`/api/tokens/${created.token.id}`)).status()).toBeGreaterThanOrEqual(400);
    const audit = await (await owner.get(`/api/audit?pageSize=50&action=create_api_token`)).text();
    expect(audit).toContain(`token:listed-${run}`);
    expect(audit).not.toContain(created.secret);

    // Used once: its last use shows.
    const api = await bearer(created.secret);
    expect((await api.get("/api/connections")).status()).toBe(200);
    await expect
      .poll(
        async () =>
          ((await (await owner.get("/api/tokens")).json()) as TokensResponse).tokens.find((t) => t.id === created.token.id)?.lastUsedAt,
      )
      .not.toBeNull();
  });

  test("only owners manage tokens, and only with a session: admins and tokens are refused", async ({ as }) => {
    const admin = await as("admin");
    const refused = await admin.post("/api/tokens", { data: { name: `by-admin-${run}`, role: "viewer", expiresAt: inADay() } });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.code).toBe("forbidden");
    expect((await admin.get("/api/tokens")).status()).toBe(403);

    const owner = await as("owner");
    const { secret } = await makeToken(owner, "owner-token", { role: "owner" });
    const api = await bearer(secret);
    for (const res of [
      await api.post("/api/tokens", { data: { name: `by-token-${run}`, role: "viewer", expiresAt: inADay() } }),
      await api.get("/api/tokens"),
      await api.post("/api/account/password", { data: { currentPassword: "x", newPassword: "y".repeat(20) } }),
      await api.post("/api/operators", {
        data: { email: `nobody-${run}@example.com`, name: "N", role: "owner", password: "z".repeat(20) },
      }),
    ]) {
      expect(res.status()).toBe(403);
      const { error } = await res.json();
      expect(error.code).toBe("session_required");
      expect(error.message).toMatch(/API tokens cannot call this route/);
    }
  });

  test("a viewer token reads without a cookie but cannot change; the refusal is audited as the token", async ({ as }) => {
    const owner = await as("owner");
    const { secret, token } = await makeToken(owner, "reader", { role: "viewer" });
    const api = await bearer(secret);
    const users = await api.get("/api/users?pageSize=5");
    expect(users.status()).toBe(200);
    expect(users.headers()["set-cookie"]).toBeUndefined();
    const { membership } = await ordinaryMember(owner, "openai");
    const target = (await roles(owner, "openai")).all.find((r) => r.scope === "organization" && r.name !== membership.role)!;
    const res = await api.patch(`/api/members/openai/${encodeURIComponent(membership.id)}`, { data: { role: target.id } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
    expect(await lastAudit(owner, "action=refused_request")).toMatchObject({
      actor: { id: token.id, email: `token:reader-${run}`, role: "viewer" },
      outcome: "refused",
    });
  });

  test("an admin token changes a role with no cookie and no Origin, audited with the token's name as the actor", async ({ as }) => {
    const owner = await as("owner");
    const { secret, token } = await makeToken(owner, "hr-offboarding", { role: "admin" });
    // Even an Origin naming another site does not matter to a token call: no browser sends this header on its own.
    const api = await bearer(secret, { origin: "https://hr.example" });
    // A role an admin grants alone (an admin-level one waits for a second admin: see below).
    const { membership } = await ordinaryMember(owner, "arthur");
    const target = (await roles(owner, "arthur")).plain.find((r) => r.name !== membership.role)!;
    const res = await api.patch(`/api/members/arthur/${encodeURIComponent(membership.id)}`, { data: { role: target.id } });
    expect(res.status(), await res.text()).toBe(200);
    const event = await lastAudit(owner, "provider=arthur&action=change_role");
    expect(event).toMatchObject({
      outcome: "success",
      target: { id: membership.id },
      actor: { id: token.id, email: `token:hr-offboarding-${run}`, role: "admin" },
    });
    expect(event.requestId).toBe(res.headers()["x-request-id"]);
    // The audit page's actor filter finds it by the token's name.
    const byActor = (await (
      await owner.get(`/api/audit?actor=${encodeURIComponent(`token:hr-offboarding-${run}`)}`)
    ).json()) as AuditResponse;
    expect(byActor.events.length).toBeGreaterThan(0);

    // The same change with a session cookie still needs Roster's own origin.
    const foreign = await owner.patch(`/api/members/arthur/${encodeURIComponent(membership.id)}`, {
      data: { role: target.id },
      headers: { origin: "https://hr.example" },
    });
    expect(foreign.status()).toBe(403);
    expect((await foreign.json()).error.code).toBe("cross_origin");
  });

  test("a change that needs a second admin cannot be asked for with a token: 403 session_required, nothing stored", async ({ as }) => {
    const owner = await as("owner");
    const { secret } = await makeToken(owner, "no-requests", { role: "admin" });
    const api = await bearer(secret);
    const { membership } = await ordinaryMember(owner, "openai");
    const grant = (await roles(owner, "openai")).adminLevel[0];
    const res = await api.patch(`/api/members/openai/${encodeURIComponent(membership.id)}`, { data: { role: grant.id } });
    expect(res.status(), await res.text()).toBe(403);
    expect((await res.json()).error).toMatchObject({ code: "session_required", message: expect.stringContaining("second admin") });
    const event = await lastAudit(owner, "action=request_change");
    expect(event).toMatchObject({ outcome: "refused", actor: { email: `token:no-requests-${run}` } });
    const created = await api.post("/api/service-accounts", { data: { name: `bot-${run}`, role: "Organization Member" } });
    expect(created.status(), await created.text()).toBe(403);
  });

  test("a bearer token sent with a session cookie: the token decides", async ({ as }) => {
    const owner = await as("owner");
    const { secret } = await makeToken(owner, "with-cookie", { role: "viewer" });
    const { membership } = await ordinaryMember(owner, "openai");
    const target = (await roles(owner, "openai")).all.find((r) => r.scope === "organization" && r.name !== membership.role)!;
    // The owner's cookie rides along; the viewer token is what counts.
    const res = await owner.patch(`/api/members/openai/${encodeURIComponent(membership.id)}`, {
      data: { role: target.id },
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
  });

  test("a token limited to one provider is refused on the others, with a message that says so", async ({ as }) => {
    const owner = await as("owner");
    const { secret } = await makeToken(owner, "astro-only", { role: "admin", providers: ["astronomer"] });
    const api = await bearer(secret);
    const { membership, person } = await ordinaryMember(owner, "openai");
    const target = (await roles(owner, "openai")).all.find((r) => r.scope === "organization" && r.name !== membership.role)!;
    const change = await api.patch(`/api/members/openai/${encodeURIComponent(membership.id)}`, { data: { role: target.id } });
    expect(change.status()).toBe(403);
    const { error } = await change.json();
    expect(error.code).toBe("token_provider_forbidden");
    expect(error.message).toContain(`astro-only-${run} is limited to astronomer; this call acts on openai`);
    // Offboarding everywhere acts on every provider: refused, naming how to narrow it.
    const everywhere = await api.post(`/api/people/${encodeURIComponent(person.email!)}/offboard`, { data: {} });
    expect(everywhere.status()).toBe(403);
    expect((await everywhere.json()).error.message).toContain("name the providers");
    // Arthur's service accounts are Arthur's.
    expect((await api.get("/api/service-accounts")).status()).toBe(403);
    // Reads across the directory stay open to its role.
    expect((await api.get("/api/users?pageSize=1")).status()).toBe(200);
    // Within the limit it is let through (an unknown member: 404 from the rules, not 403).
    const inside = await api.delete("/api/members/astronomer/no-such-member-0");
    expect(inside.status()).toBe(404);
  });

  test("an expired token is refused with token_expired, and the attempt is audited", async ({ as }) => {
    const owner = await as("owner");
    const { secret, token } = await makeToken(owner, "short-lived", {
      role: "viewer",
      expiresAt: new Date(Date.now() + 2_500).toISOString(),
    });
    const api = await bearer(secret);
    expect((await api.get("/api/connections")).status()).toBe(200);
    await new Promise((r) => setTimeout(r, 3_000));
    const res = await api.get("/api/connections");
    expect(res.status()).toBe(401);
    const { error } = await res.json();
    expect(error.code).toBe("token_expired");
    expect(error.message).toContain(`short-lived-${run} expired`);
    expect(await lastAudit(owner, "action=refused_request")).toMatchObject({
      actor: { id: token.id, email: `token:short-lived-${run}` },
      outcome: "refused",
    });
    expect(((await (await owner.get("/api/tokens")).json()) as TokensResponse).tokens.find((t) => t.id === token.id)?.state).toBe(
      "expired",
    );
  });

  test("a revoked token is refused with token_revoked from its next request", async ({ as }) => {
    const owner = await as("owner");
    const { secret, token } = await makeToken(owner, "to-revoke", { role: "admin" });
    const api = await bearer(secret);
    expect((await api.get("/api/connections")).status()).toBe(200);
    const revoke = await owner.delete(`/api/tokens/${token.id}`);
    expect(revoke.status(), await revoke.text()).toBe(200);
    expect((await revoke.json()).token).toMatchObject({ state: "revoked", revokedByEmail: E2E.operators.owner });
    const res = await api.get("/api/connections");
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("token_revoked");
    expect(await lastAudit(owner, "action=revoke_api_token")).toMatchObject({
      actor: { email: E2E.operators.owner },
      target: { email: `token:to-revoke-${run}` },
      outcome: "success",
    });
    // Revoking twice is refused, and the name is free again.
    expect((await owner.delete(`/api/tokens/${token.id}`)).status()).toBe(409);
    await makeToken(owner, "to-revoke", { role: "viewer" });
  });

  test("unknown or malformed credentials are 401 invalid_token; bad input is 422 naming the field", async ({ as }) => {
    for (const header of [`Bearer roster_pat_${"A".repeat(43)}`, "Bearer not-a-roster-token", "Basic dXNlcjpwYXNz", "Bearer"]) {
      const ctx = await request.newContext({ baseURL: E2E.baseUrl, extraHTTPHeaders: { authorization: header } });
      const res = await ctx.get("/api/users");
      expect(res.status(), header).toBe(401);
      expect((await res.json()).error.code, header).toBe("invalid_token");
      await ctx.dispose();
    }
    const owner = await as("owner");
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: "Has Spaces", role: "viewer", expiresAt: inADay() }, "name"],
      [{ name: `x-${run}`, role: "root", expiresAt: inADay() }, "role"],
      [{ name: `x-${run}`, role: "viewer", expiresAt: "2001-01-01T00:00:00Z" }, "expiresAt"],
      [{ name: `x-${run}`, role: "viewer", expiresAt: "2100-01-01T00:00:00Z" }, "expiresAt"],
      [{ name: `x-${run}`, role: "viewer", expiresAt: inADay(), providers: ["github"] }, "providers"],
      [{ name: `x-${run}`, role: "viewer", expiresAt: inADay(), secret: "mine" }, "secret"],
    ];
    for (const [data, field] of cases) {
      const res = await owner.post("/api/tokens", { data });
      expect(res.status(), JSON.stringify(data)).toBe(422);
      expect(JSON.stringify(await res.json()), JSON.stringify(data)).toContain(field);
    }
  });
});
