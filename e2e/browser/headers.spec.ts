import type { APIResponse, Page, Response } from "@playwright/test";
import { E2E } from "../env";
import { expect, signIn, signInPage, test } from "./guard";
import { HSTS_VALUE, STATIC_SECURITY_HEADERS } from "../../lib/security/headers";

/**
 * Every page answers with a nonce Content-Security-Policy (no inline script without the
 * nonce) and the static security headers, runs without a single CSP violation, and still
 * works. The API and build assets carry the static headers too.
 */

type Headers = Record<string, string>;

/** `a b; c d e` → { a: ["b"], c: ["d", "e"] } */
function parseCsp(value: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of value.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

function expectStaticHeaders(headers: Headers, where: string) {
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) {
    expect(headers[name.toLowerCase()], `${name} on ${where}`).toBe(value);
  }
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"]).toContain(headers["referrer-policy"]);
  expect(headers["permissions-policy"], `Permissions-Policy on ${where}`).toMatch(/camera=\(\)/);
  // Served over http here: HSTS would be ignored by browsers and must not be sent.
  expect(headers["strict-transport-security"], `no HSTS over http on ${where}`).toBeUndefined();
}

/** Checks the page's headers and that every script in its HTML carries this response's nonce. */
async function expectPageHeaders(response: Response | APIResponse | null, where: string): Promise<string> {
  expect(response, where).not.toBeNull();
  const headers = response!.headers();
  expectStaticHeaders(headers, where);
  const csp = parseCsp(headers["content-security-policy"] ?? "");
  const scripts = csp.get("script-src") ?? [];
  const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce, `script nonce on ${where}`).toMatch(/^[A-Za-z0-9+/=]{22,}$/);
  expect(scripts, where).toContain("'strict-dynamic'");
  expect(scripts, `no unsafe-inline scripts on ${where}`).not.toContain("'unsafe-inline'");
  expect(scripts, `no unsafe-eval in production on ${where}`).not.toContain("'unsafe-eval'");
  expect(csp.get("default-src"), where).toEqual(["'self'"]);
  expect(csp.get("frame-ancestors"), where).toEqual(["'none'"]);
  expect(csp.get("object-src"), where).toEqual(["'none'"]);
  expect(csp.get("base-uri"), where).toEqual(["'self'"]);
  expect(csp.get("form-action"), where).toEqual(["'self'"]);

  const html = await response!.text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length, `scripts in ${where}`).toBeGreaterThan(0);
  for (const tag of tags) expect(tag, `every script on ${where} carries the nonce`).toContain(`nonce="${nonce}"`);
  return nonce!;
}

/**
 * Records CSP violations (the DOM event, from before the first script runs, and Chromium's
 * console report) and page errors. `take()` answers what was seen on the current page and
 * starts afresh.
 */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  let problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /content.security.policy|refused to (execute|load|apply)/i.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return async () => {
    const seen = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
    const all = [...problems, ...seen.map((v) => `violation: ${v}`)];
    problems = [];
    return all;
  };
}

/** The theme menu works only once React has hydrated: choosing Dark flips the root class. */
async function expectInteractive(page: Page, where: string) {
  await page
    .getByRole("button", { name: /^Theme:/ })
    .first()
    .click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect(page.locator("html"), `theme menu works on ${where}`).toHaveClass(/\bdark\b/);
}

test.describe("security headers", () => {
  test.beforeAll(async ({ playwright }) => {
    // A server that has just started opens its database on the first sign-in, which can
    // take most of a minute on a busy machine: do that once here, outside the page steps.
    test.setTimeout(180_000);
    const ctx = await playwright.request.newContext({ baseURL: E2E.baseUrl, timeout: 170_000 });
    await signIn(ctx, "viewer");
    await ctx.dispose();
  });

  test("the sign-in page: headers, nonce on every script, no violation, and it signs in", async ({ page }) => {
    const violations = await watchViolations(page);
    const first = await expectPageHeaders(await page.goto("/signin"), "/signin");
    await expectInteractive(page, "/signin");
    expect(await violations(), "CSP problems on /signin").toEqual([]);
    // The inline theme script runs (nonce accepted) before React on the next load, too.
    const second = await expectPageHeaders(await page.reload(), "/signin (reload)");
    expect(second, "a fresh nonce for every response").not.toBe(first);
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await page.getByLabel("Email").fill(E2E.operators.viewer);
    await page.getByLabel("Password").fill(E2E.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${E2E.baseUrl}/`);
    expect(await violations()).toEqual([]);
  });

  const consolePages = ["/", "/people/:email", "/invites", "/service-accounts", "/audit", "/connections", "/settings"];
  for (const route of consolePages) {
    test(`console page ${route}: headers, nonce on every script, no violation, interactive`, async ({ page }) => {
      await signInPage(page, "owner");
      let path = route;
      if (route.includes(":email")) {
        const users = await (await page.context().request.get("/api/users?pageSize=1")).json();
        path = route.replace(":email", encodeURIComponent(users.people[0].email));
      }
      const violations = await watchViolations(page);
      await expectPageHeaders(await page.goto(path), path);
      await expect(page.getByRole("main").first(), path).toBeVisible();
      await expectInteractive(page, path);
      expect(await violations(), `CSP problems on ${path}`).toEqual([]);
    });
  }

  test("a signed-out visit to a console page is redirected, with the headers", async ({ request }) => {
    const redirect = await request.get("/audit", { maxRedirects: 0 });
    expect([303, 307, 308]).toContain(redirect.status());
    expectStaticHeaders(redirect.headers(), "the sign-in redirect");
  });

  test("behind a TLS proxy (X-Forwarded-Proto: https) pages add HSTS and upgrade insecure requests", async ({ request }) => {
    const res = await request.get("/signin", { headers: { "x-forwarded-proto": "https" } });
    expect(res.headers()["strict-transport-security"]).toBe(HSTS_VALUE);
    expect(parseCsp(res.headers()["content-security-policy"] ?? "").has("upgrade-insecure-requests")).toBe(true);
  });

  test("API answers and build assets carry the static headers; the API lets nothing run", async ({ request }) => {
    for (const path of ["/api/users", "/api/auth/csrf"]) {
      const res = await request.get(path);
      expectStaticHeaders(res.headers(), path);
      const csp = parseCsp(res.headers()["content-security-policy"] ?? "");
      expect(csp.get("default-src"), path).toEqual(["'none'"]);
      expect(csp.get("frame-ancestors"), path).toEqual(["'none'"]);
    }
    const html = await (await request.get("/signin")).text();
    const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
    expect(asset, "a script asset on the sign-in page").toBeTruthy();
    const res = await request.get(asset!);
    expect(res.status()).toBe(200);
    expectStaticHeaders(res.headers(), asset!);
  });
});
