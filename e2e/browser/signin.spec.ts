import type { Page } from "@playwright/test";
import { expect, signInPage, test } from "./guard";

/** Submits the form and waits for next-auth's answer, so each check sees this attempt. */
async function submit(page: Page): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials")),
    page.getByRole("button", { name: "Sign in", exact: true }).click(),
  ]);
  return response.status();
}

/** The sign-in page under the throttle: after 5 failures it says how long to wait. */

test("after 5 wrong passwords the sign-in page says to wait, with the number of seconds", async ({ page }) => {
  test.setTimeout(180_000);
  const run = `${process.pid}${Date.now()}`;
  // An address of this test's own (the e2e server trusts x-forwarded-for), so the other
  // suites signing in from 127.0.0.1 are not throttled by it.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `203.0.113.${(Number(run.slice(-3)) % 250) + 1}` });
  await page.goto("/signin");
  const email = `browser-${run}@signin.test`;
  await expect(page.getByRole("button", { name: /Sign in with/ }), "no SSO button when SSO is off").toHaveCount(0);

  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-${i}`);
    expect(await submit(page)).toBe(401);
    await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password");
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  }
  await page.getByLabel("Password").fill("sixth-try");
  expect(await submit(page)).toBe(429);
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    /^Too many failed sign-in attempts\. Try again in ([1-9]|[1-5]\d|60) seconds?\.$/,
  );
  await expect(page).toHaveURL(/\/signin/);
  await page.screenshot({ path: "screenshots/signin-throttled.png" });
});

test("Sign out in the top bar ends the session and lands on the sign-in page", async ({ page }) => {
  await signInPage(page, "viewer");
  await page.goto("/audit");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  expect((await page.request.get("/api/users?pageSize=1")).status()).toBe(401);
});
