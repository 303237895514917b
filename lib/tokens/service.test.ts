import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { withTempDatabase } from "../testing/temp-db";

/** API tokens on PGlite: hashed at rest, role ceiling, expiry, revocation, last use at most once a minute. */
withTempDatabase("tokens-svc");
delete process.env.ROSTER_ADMIN_EMAIL;
delete process.env.ROSTER_DEMO;

const { getDb } = await import("../db");
const { apiTokens } = await import("../db/schema");
const { listAudit } = await import("../audit/log");
const { authenticateToken, createToken, listTokens, revokeToken } = await import("./service");
const { hashTokenSecret } = await import("./secret");
const { rateKey } = await import("../api/rate-limit");
const { addOperator } = await import("../operators/service");

const run = `${process.pid}-${Date.now()}`;
const owner = { operator: { id: "", email: `owner-${run}@example.com`, name: "Owner", role: "owner" as const }, requestId: "r1" };
const inADay = () => new Date(Date.now() + 86_400_000);
const req = () => new Request("http://roster.test/api/users");

describe("API tokens", () => {
  beforeAll(async () => {
    const seed = {
      operator: { ...owner.operator, id: "00000000-0000-4000-8000-000000000000", email: "seed@example.com" },
      requestId: "r0",
    };
    const { operator } = await addOperator(seed, {
      email: owner.operator.email,
      name: "Owner",
      role: "owner",
      password: "a-long-owner-password-1",
    });
    owner.operator.id = operator.id;
  });

  it("keeps only the secret's SHA-256, and the token acts as token:<name> with its role and limit", async () => {
    const { secret, token } = await createToken(owner, { name: `hr-${run}`, role: "admin", providers: ["openai"], expiresAt: inADay() });
    expect(secret).toMatch(/^roster_pat_[A-Za-z0-9_-]{43}$/);
    const db = await getDb();
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(row.secretHash).toBe(hashTokenSecret(secret));
    expect(JSON.stringify(row)).not.toContain(secret.slice(11));
    const operator = await authenticateToken(secret, req(), "r2");
    expect(operator).toMatchObject({
      id: token.id,
      email: `token:hr-${run}`,
      role: "admin",
      token: { name: `hr-${run}`, providers: ["openai"] },
    });
    const created = (await listAudit({ page: 1, pageSize: 1, action: "create_api_token" })).events[0];
    expect(created).toMatchObject({ outcome: "success", actor: { email: owner.operator.email }, target: { email: `token:hr-${run}` } });
    expect(JSON.stringify(created)).not.toContain(secret.slice(11));
  });

  it("never above the creator's role", async () => {
    const admin = { ...owner, operator: { ...owner.operator, role: "admin" as const } };
    await expect(createToken(admin, { name: `up-${run}`, role: "owner", expiresAt: inADay() })).rejects.toMatchObject({
      status: 409,
      code: "role_above_creator",
    });
    expect((await listTokens()).some((t) => t.name === `up-${run}`)).toBe(false);
  });

  it("one active token per name", async () => {
    await createToken(owner, { name: `twice-${run}`, role: "viewer", expiresAt: inADay() });
    await expect(createToken(owner, { name: `twice-${run}`, role: "viewer", expiresAt: inADay() })).rejects.toMatchObject({
      status: 409,
      code: "already_exists",
    });
  });

  it("refuses expired, revoked and unknown secrets with their own codes", async () => {
    const expired = await createToken(owner, { name: `old-${run}`, role: "viewer", expiresAt: inADay() });
    const db = await getDb();
    await db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, expired.token.id));
    await expect(authenticateToken(expired.secret, req(), "r3")).rejects.toMatchObject({ status: 401, code: "token_expired" });

    const revoked = await createToken(owner, { name: `gone-${run}`, role: "viewer", expiresAt: inADay() });
    await revokeToken(owner, revoked.token.id);
    await expect(authenticateToken(revoked.secret, req(), "r4")).rejects.toMatchObject({ status: 401, code: "token_revoked" });
    expect((await listAudit({ page: 1, pageSize: 1, action: "refused_request" })).events[0]).toMatchObject({
      actor: { email: `token:gone-${run}` },
      outcome: "refused",
    });

    await expect(authenticateToken(`roster_pat_${"x".repeat(43)}`, req(), "r5")).rejects.toMatchObject({
      status: 401,
      code: "invalid_token",
    });
    await expect(authenticateToken("sk-not-ours", req(), "r6")).rejects.toMatchObject({ status: 401, code: "invalid_token" });
  });

  it("records the last use at most once a minute", async () => {
    const { secret, token } = await createToken(owner, { name: `busy-${run}`, role: "viewer", expiresAt: inADay() });
    const db = await getDb();
    const lastUsed = async () => (await db.select().from(apiTokens).where(eq(apiTokens.id, token.id)))[0].lastUsedAt;
    await authenticateToken(secret, req(), "r7");
    await expect.poll(lastUsed).not.toBeNull();
    const first = await lastUsed();
    for (let i = 0; i < 5; i++) await authenticateToken(secret, req(), `r8-${i}`);
    await new Promise((r) => setTimeout(r, 200));
    expect(await lastUsed()).toEqual(first);
  });

  it("rate-limits per token, apart from the session the request may also carry", () => {
    const a = new Request("http://roster.test/", {
      headers: { authorization: "Bearer roster_pat_a", cookie: "next-auth.session-token=s1" },
    });
    const b = new Request("http://roster.test/", {
      headers: { authorization: "Bearer roster_pat_b", cookie: "next-auth.session-token=s1" },
    });
    const session = new Request("http://roster.test/", { headers: { cookie: "next-auth.session-token=s1" } });
    expect(rateKey(a)).toMatch(/^t:/);
    expect(rateKey(a)).not.toBe(rateKey(b));
    expect(rateKey(session)).toMatch(/^s:/);
  });
});
