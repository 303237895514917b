import { request } from "@playwright/test";
import { E2E } from "../env";
import { expect, signIn, test } from "../fixtures";

// Every API route's 401/403 and Origin checks: access-tree.spec.ts, driven by the file tree.

/** Off-site targets an attacker might put in `callbackUrl`. */
const OFF_SITE = ["https://evil.example/", "//evil.example", "/\\evil.example", "https://localhost.evil.example"];

const sameSite = (url: string) => expect(new URL(url, E2E.baseUrl).origin, url).toBe(E2E.baseUrl);

test.describe("access", () => {
  test("pages redirect to sign-in without a session", async () => {
    const anon = await request.newContext({ baseURL: E2E.baseUrl });
    const res = await anon.get("/connections", { maxRedirects: 0 });
    expect([303, 307, 308]).toContain(res.status());
    expect(res.headers()["location"]).toContain("/signin");
    await anon.dispose();
  });

  test("wrong password does not sign in", async () => {
    const anon = await request.newContext({ baseURL: E2E.baseUrl });
    const { csrfToken } = await (await anon.get("/api/auth/csrf")).json();
    await anon.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: E2E.operators.admin, password: "not-the-password", json: "true" },
      maxRedirects: 0,
    });
    const session = await (await anon.get("/api/auth/session")).json();
    expect(session?.user).toBeFalsy();
    expect((await anon.get("/api/users")).status()).toBe(401);
    await anon.dispose();
  });
});

test.describe("callbackUrl cannot send anyone off-site", () => {
  for (const target of OFF_SITE) {
    test(`next-auth and the sign-in page keep ${target} on Roster`, async () => {
      const ctx = await request.newContext({ baseURL: E2E.baseUrl, extraHTTPHeaders: { origin: E2E.baseUrl } });
      // next-auth's answer to a sign-in that asks to go there.
      const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
      const res = await ctx.post("/api/auth/callback/credentials", {
        form: { csrfToken, email: E2E.operators.viewer, password: E2E.password, json: "true", callbackUrl: target },
        maxRedirects: 0,
      });
      const answered = res.status() === 200 ? (await res.json()).url : res.headers()["location"];
      expect(answered, `next-auth answered a redirect for ${target}`).toBeTruthy();
      sameSite(answered);
      // The sign-in page sends a signed-in visitor on to its callbackUrl.
      const page = await ctx.get(`/signin?callbackUrl=${encodeURIComponent(target)}`, { maxRedirects: 0 });
      expect([303, 307, 308], `signed in, /signin redirects (${target})`).toContain(page.status());
      sameSite(page.headers()["location"]);
      await ctx.dispose();
    });

    test(`signing in on the page with callbackUrl=${target} lands on Roster`, async ({ page }) => {
      await page.goto(`/signin?callbackUrl=${encodeURIComponent(target)}`);
      await page.getByLabel("Email").fill(E2E.operators.viewer);
      await page.getByLabel("Password").fill(E2E.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("table", { name: "People" })).toBeVisible();
      sameSite(page.url());
    });
  }

  test("a same-site callbackUrl is honoured", async ({ page }) => {
    await signIn(page.context().request, "viewer");
    await page.goto(`/signin?callbackUrl=${encodeURIComponent("/audit")}`);
    await expect(page).toHaveURL(`${E2E.baseUrl}/audit`);
  });
});
