import { type APIRequestContext, type APIResponse, request as playwrightRequest } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { E2E } from "../env";
import { expect, test } from "../fixtures";

/**
 * Sign-in over HTTP: the throttle (5 failures per email, or per client address, in a
 * minute → 429 with Retry-After), the session cookie's flags, and sessions that end.
 * The e2e server trusts x-forwarded-for (ROSTER_TRUST_PROXY=1), so each test signs in
 * from addresses of its own and never throttles the other suites (all on 127.0.0.1).
 */

const run = `${process.pid}${Date.now()}`;
let counter = 0;
/** A fresh documentation address (RFC 5737) per call. */
const newAddress = () => {
  counter++;
  return `198.51.${(Number(run.slice(-4)) + counter) % 250}.${(counter % 250) + 1}`;
};
const newEmail = (what: string) => `${what}-${run}-${counter++}@signin.test`;

async function context(): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: E2E.baseUrl, extraHTTPHeaders: { origin: E2E.baseUrl } });
}

/** One password sign-in through next-auth's credentials endpoint, from `from`. */
async function attempt(ctx: APIRequestContext, email: string, password: string, from: string, asJson = false): Promise<APIResponse> {
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const fields = { csrfToken, email, password, json: "true", callbackUrl: "/" };
  return ctx.post("/api/auth/callback/credentials", {
    ...(asJson ? { data: fields } : { form: fields }),
    headers: { "x-forwarded-for": from },
    maxRedirects: 0,
  });
}

/** next-auth answers a wrong password 401 with the sign-in page's `CredentialsSignin` error. */
async function expectRefusedForWrongPassword(res: APIResponse) {
  expect(res.status(), "a wrong password is refused, not throttled").toBe(401);
  expect(res.headers()["retry-after"]).toBeUndefined();
  expect(new URL((await res.json()).url).searchParams.get("error")).toBe("CredentialsSignin");
}

async function expectThrottled(res: APIResponse, scope: "email" | "address") {
  expect(res.status()).toBe(429);
  const retryAfter = Number(res.headers()["retry-after"]);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`).toBe(true);
  const body = await res.json();
  expect(body.error).toMatchObject({ code: "too_many_attempts", details: { retryAfter, scope } });
  expect(body.error.message).toContain(`Try again in ${retryAfter} second`);
  // next-auth's browser client reads `url`: the sign-in page with the message.
  expect(new URL(body.url).searchParams.get("error")).toBe(body.error.message);
}

async function sessionEmail(ctx: APIRequestContext): Promise<string | undefined> {
  return (await (await ctx.get("/api/auth/session")).json())?.user?.email;
}

async function newOperator(owner: APIRequestContext, role = "viewer") {
  const email = newEmail("op");
  const password = `throttle-${run}-password`;
  const res = await owner.post("/api/operators", { data: { email, name: "Throttle Test", role, password } });
  expect(res.status(), await res.text()).toBe(200);
  return { email, password };
}

test.describe("sign-in throttle", () => {
  // Each attempt costs a real scrypt check; a busy CI machine needs more than the default minute.
  test.describe.configure({ timeout: 180_000 });

  test("after 5 wrong passwords for one email (from any address), the 6th is 429 with Retry-After, even with the right password", async ({
    as,
  }) => {
    const { email, password } = await newOperator(await as("owner"));
    const ctx = await context();
    for (let i = 0; i < 5; i++) await expectRefusedForWrongPassword(await attempt(ctx, email, `wrong-${i}`, newAddress()));
    await expectThrottled(await attempt(ctx, email, password, newAddress()), "email");
    expect(await sessionEmail(ctx), "no session from a throttled attempt").toBeUndefined();
    // The email's case and spaces do not make it another email.
    await expectThrottled(await attempt(ctx, `  ${email.toUpperCase()} `, password, newAddress()), "email");
    await ctx.dispose();
  });

  test("one address is throttled after its limit, for every email; another address is not", async () => {
    const ctx = await context();
    const from = newAddress();
    // One failure per email: no email comes near its own limit.
    for (let i = 0; i < E2E.signInMaxPerAddress; i++)
      await expectRefusedForWrongPassword(await attempt(ctx, newEmail("addr"), "wrong", from));
    const fresh = newEmail("fresh");
    await expectThrottled(await attempt(ctx, fresh, "wrong", from), "address");
    await expectRefusedForWrongPassword(await attempt(ctx, fresh, "wrong", newAddress()));
    await ctx.dispose();
  });

  test("successful sign-ins do not count; a JSON body counts like a form", async ({ as }) => {
    const { email, password } = await newOperator(await as("owner"));
    const from = newAddress();
    for (let i = 0; i < 7; i++) {
      const ctx = await context();
      const res = await attempt(ctx, email, password, from);
      expect(res.status()).toBe(200);
      expect(await sessionEmail(ctx)).toBe(email);
      await ctx.dispose();
    }
    const ctx = await context();
    for (let i = 0; i < 5; i++) await expectRefusedForWrongPassword(await attempt(ctx, email, "wrong", newAddress(), true));
    await expectThrottled(await attempt(ctx, email, password, newAddress()), "email");
    await ctx.dispose();
  });
});

test.describe("session cookie and expiry", () => {
  const COOKIE = "next-auth.session-token";

  test("a real sign-in sets the session cookie HttpOnly, SameSite=Lax, for 8 hours (not Secure over http)", async () => {
    const ctx = await context();
    const res = await attempt(ctx, E2E.operators.viewer, E2E.password, newAddress());
    const cookie = res.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith(`${COOKIE}=`))?.value;
    expect(cookie, "session cookie set").toBeTruthy();
    const attrs = cookie!.split(";").map((a) => a.trim().toLowerCase());
    expect(attrs).toContain("httponly");
    expect(attrs).toContain("samesite=lax");
    expect(attrs).toContain("path=/");
    expect(attrs).not.toContain("secure");
    const expires = Date.parse(attrs.find((a) => a.startsWith("expires="))!.slice("expires=".length));
    const hours = (expires - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8.01);
    await ctx.dispose();
  });

  test("an expired token, or one signed in more than 8 hours ago, gets 401 on the API and the sign-in page on pages", async ({ as }) => {
    const owner = await as("owner");
    const { id, sv } = (await (await owner.get("/api/auth/session")).json()).user as { id: string; sv: number };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const now = Math.floor(Date.now() / 1000);
    // `sv`: the owner's session version, which every session must carry (lib/auth/session.ts).
    const token = (claims: Record<string, unknown>, maxAge: number) =>
      encode({ token: { sub: id, sv, ...claims }, secret: E2E.nextAuthSecret, maxAge });

    const withCookie = async (value: string) => {
      const ctx = await context();
      const headers = { cookie: `${COOKIE}=${value}` };
      const api = await ctx.get("/api/operators", { headers });
      const page = await ctx.get("/", { headers, maxRedirects: 0 });
      await ctx.dispose();
      return { api: api.status(), page: page.status(), location: page.headers()["location"] ?? "" };
    };

    // The same encoding with a live token works, so the refusals below are about time.
    const live = await withCookie(await token({ authTime: now }, 3600));
    expect(live).toMatchObject({ api: 200, page: 200 });

    for (const value of [
      await token({ authTime: now - 3600 }, -120), // past its exp
      await token({ authTime: now - 9 * 3600 }, 3600), // refreshed, but signed in 9 h ago
      await token({}, 3600), // no sign-in time at all
    ]) {
      const answer = await withCookie(value);
      expect(answer.api).toBe(401);
      expect([302, 303, 307]).toContain(answer.page);
      expect(answer.location).toContain("/signin");
    }
  });
});
