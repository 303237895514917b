import { request } from "@playwright/test";
import { E2E } from "../env";
import { expect, signInPage, test } from "./guard";

const SHOTS = "screenshots";
const run = Date.now().toString(36);

async function callWith(secret: string) {
  const ctx = await request.newContext({ baseURL: E2E.baseUrl, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  const res = await ctx.get("/api/connections");
  const answer = {
    status: res.status(),
    code: res.status() === 200 ? null : ((await res.json()) as { error: { code: string } }).error.code,
  };
  await ctx.dispose();
  return answer;
}

test.describe("settings: API tokens", () => {
  test("an owner creates a token (the secret is shown once), sees it used, and revokes it", async ({ page }) => {
    // A long flow with five screenshots: room for a busy machine.
    test.slow();
    await signInPage(page, "owner");
    await page.goto("/settings");
    const table = page.getByRole("table", { name: "API tokens" });
    await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();

    const name = `hr-offboarding-${run}`;
    await page.getByRole("button", { name: "Create token" }).click();
    const create = page.getByRole("dialog", { name: "Create an API token" });
    await create.getByLabel("Name").fill(name);
    await create.getByLabel("Roster role").selectOption("admin");
    await create.getByLabel("Expires after").selectOption("30");
    await create.getByRole("checkbox", { name: "Only some providers" }).click();
    const submit = create.getByRole("button", { name: "Create token" });
    await expect(submit, "a limit names at least one provider").toBeDisabled();
    await create.getByRole("checkbox", { name: "OpenAI" }).click();
    await create.getByRole("checkbox", { name: "Astronomer" }).click();
    await page.screenshot({ path: `${SHOTS}/token-create.png`, animations: "disabled" });
    await submit.click();

    const shown = page.getByRole("alertdialog", { name: `API token ${name} created` });
    await expect(shown.getByText("Shown once")).toBeVisible();
    const secret = (await shown.getByTestId("token-secret").textContent())!.trim();
    expect(secret).toMatch(/^roster_pat_[A-Za-z0-9_-]{43}$/);
    await expect(shown.getByRole("button", { name: "Copy token" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/token-secret.png`, animations: "disabled" });
    await shown.getByRole("button", { name: "I have copied the token" }).click();
    await expect(shown).toBeHidden();

    const row = table.locator("tbody tr").filter({ hasText: name });
    await expect(row).toContainText("Admin");
    await expect(row).toContainText("OpenAI, Astronomer");
    await expect(row).toContainText("Never");
    await expect(row).toContainText("owner@roster.demo");
    expect(await page.content()).not.toContain(secret);

    // The program uses it; the list shows the use. The secret is not on the page after a reload either.
    expect(await callWith(secret)).toEqual({ status: 200, code: null });
    await page.reload();
    await expect(row).not.toContainText("Never");
    expect(await page.content()).not.toContain(secret);
    await page.screenshot({ path: `${SHOTS}/tokens.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(row).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/tokens-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.evaluate(() => document.documentElement.classList.add("dark"));
    await page.screenshot({ path: `${SHOTS}/tokens-dark.png`, fullPage: true });

    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    const confirm = page.getByRole("alertdialog", { name: `Revoke ${name}?` });
    await expect(confirm).toContainText("refused from their next request");
    await confirm.getByRole("button", { name: "Revoke token" }).click();
    await expect(row).toContainText("Revoked");
    await expect(row.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
    expect(await callWith(secret)).toEqual({ status: 401, code: "token_revoked" });
  });

  test("admins do not see API tokens", async ({ page }) => {
    await signInPage(page, "admin");
    await page.goto("/settings");
    await expect(page.getByRole("table", { name: "Roster operators" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "API tokens" })).toHaveCount(0);
  });
});
