import type { Server } from "node:http";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { E2E } from "../env";
import { backends, PORT_BASE, type RosterServer, startRoster } from "./signin-servers";

/**
 * Single sign-on end to end: a real OpenID provider (the `oidc-provider` package, with
 * its development login pages) and a Roster server pointed at it with AUTH_OIDC_*,
 * driven through the real login in Chromium. The admin and the viewer get the roles
 * their groups map to; an account no mapping covers, and a disabled operator, are refused
 * with words on the sign-in page.
 */

const issuerPort = PORT_BASE + 10;
const rosterPort = PORT_BASE + 20;
const sandboxPort = PORT_BASE + 50;
const issuer = `http://localhost:${issuerPort}`;
const rosterUrl = `http://localhost:${rosterPort}`;
const CLIENT = { id: "roster", secret: "roster-sso-system-test-secret" };

const run = `${process.pid}${Date.now()}`;
const accounts: Record<string, { email: string; email_verified: boolean; name: string; groups: string[] }> = {
  ada: { email: `ada-${run}@corp.test`, email_verified: true, name: "Ada Admin", groups: ["staff", "roster-admins"] },
  val: { email: `val-${run}@corp.test`, email_verified: true, name: "Val Viewer", groups: ["roster-viewers"] },
  una: { email: `una-${run}@corp.test`, email_verified: true, name: "Una Unmapped", groups: ["staff"] },
};

async function startIdentityProvider(): Promise<Server> {
  const { default: Provider } = await import("oidc-provider");
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [`${rosterUrl}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    scopes: ["openid", "email", "profile", "groups"],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    cookies: { keys: [`signin-system-test-${run}`] },
    features: { devInteractions: { enabled: true } },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    async findAccount(_ctx, id) {
      const account = accounts[id];
      return account ? { accountId: id, claims: async () => ({ sub: id, ...account }) } : undefined;
    },
  });
  return new Promise((resolve) => {
    const server = provider.listen(issuerPort, () => resolve(server));
  });
}

/** Clicks "Sign in with Corp SSO" on Roster and logs in on the identity provider as `login`. */
async function ssoSignIn(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: rosterUrl });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Corp SSO" }).click();
  await page.waitForURL(`${issuer}/**`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password: the dev login accepts it");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // The provider asks once to let Roster see the claims.
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(`${rosterUrl}/**`);
  return page;
}

for (const backend of backends()) {
  test.describe(`single sign-on through OpenID Connect (${backend.name})`, () => {
    let idp: Server;
    let roster: RosterServer;

    test.beforeAll(async () => {
      test.setTimeout(300_000);
      idp = await startIdentityProvider();
      roster = await startRoster({
        port: rosterPort,
        sandboxPort,
        databaseUrl: backend.databaseUrl,
        env: {
          AUTH_OIDC_ISSUER: issuer,
          AUTH_OIDC_CLIENT_ID: CLIENT.id,
          AUTH_OIDC_CLIENT_SECRET: CLIENT.secret,
          AUTH_OIDC_NAME: "Corp SSO",
          AUTH_OIDC_SCOPE: "openid email profile groups",
          AUTH_OIDC_ROLE_MAP: "roster-admins=admin,roster-viewers=viewer",
        },
      });
    });

    test.afterAll(async () => {
      await roster?.stop();
      await new Promise((resolve) => idp?.close(resolve));
    });

    test("the admin signs in through the identity provider and has admin powers", async ({ browser }) => {
      const page = await ssoSignIn(browser, "ada");
      await expect(page).toHaveURL(`${rosterUrl}/`);
      await expect(page.getByRole("table", { name: "People" })).toBeVisible();
      const session = await (await page.request.get("/api/auth/session")).json();
      expect(session.user.email).toBe(accounts.ada.email);
      // Operators are listed to admins only; Ada is there, created by her sign-in, without a password.
      const res = await page.request.get("/api/operators");
      expect(res.status(), roster.text()).toBe(200);
      const { operators } = (await res.json()) as { operators: Array<{ email: string; role: string; disabled: boolean }> };
      expect(operators.find((o) => o.email === accounts.ada.email)).toMatchObject({ role: "admin", disabled: false });
      await page.context().close();
    });

    test("the viewer is read-only", async ({ browser }) => {
      const page = await ssoSignIn(browser, "val");
      await expect(page).toHaveURL(`${rosterUrl}/`);
      expect((await page.request.get("/api/roles")).status()).toBe(200);
      expect((await page.request.get("/api/operators")).status()).toBe(403);
      const change = await page.request.patch("/api/members/openai/user-1", { data: { role: "owner" }, headers: { origin: rosterUrl } });
      expect(change.status()).toBe(403);
      await page.context().close();
    });

    test("an account no mapping covers is refused with a clear message, and gets no session", async ({ browser }) => {
      const page = await ssoSignIn(browser, "una");
      await expect(page).toHaveURL(/\/signin\?error=SsoNoRole/);
      await expect(page.locator("form").getByRole("alert")).toHaveText(
        "Your single sign-on account has no Roster role. Ask a Roster owner to grant you one.",
      );
      expect((await (await page.request.get("/api/auth/session")).json())?.user).toBeUndefined();
      expect((await page.request.get("/api/roles")).status()).toBe(401);
      await page.context().close();
    });

    test("a disabled operator stays refused at the next SSO sign-in", async ({ browser, playwright }) => {
      const first = await ssoSignIn(browser, "ada");
      await expect(first).toHaveURL(`${rosterUrl}/`);
      await first.context().close();
      const owner = await playwright.request.newContext({ baseURL: rosterUrl, extraHTTPHeaders: { origin: rosterUrl } });
      const { csrfToken } = await (await owner.get("/api/auth/csrf")).json();
      await owner.post("/api/auth/callback/credentials", {
        form: { csrfToken, email: E2E.operators.owner, password: E2E.password, json: "true" },
      });
      const { operators } = await (await owner.get("/api/operators")).json();
      const ada = (operators as Array<{ id: string; email: string }>).find((o) => o.email === accounts.ada.email);
      expect(ada, "Ada was created by her SSO sign-in").toBeTruthy();
      expect((await owner.patch(`/api/operators/${ada!.id}`, { data: { disabled: true } })).status()).toBe(200);
      await owner.dispose();

      const page = await ssoSignIn(browser, "ada");
      await expect(page).toHaveURL(/\/signin\?error=SsoDisabled/);
      await expect(page.locator("form").getByRole("alert")).toContainText("Your Roster access has been disabled");
      expect((await page.request.get("/api/roles")).status()).toBe(401);
      await page.context().close();
    });
  });
}
