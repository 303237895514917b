import { apiAs, expect, freshWorld, sandbox, signInPage, test } from "../fixtures";

/**
 * Connections and the users page with providers that answer the way real ones do (the
 * sandboxes' variance cases): Arthur refuses its role bindings (degraded, permission
 * named), OpenAI sends invites without `projects` and a role Roster does not know.
 */

const restore = freshWorld;

test.describe("connections with provider variance", () => {
  test.describe.configure({ timeout: 120_000 });
  test.beforeAll(async () => {
    await sandbox.vary("arthur", ["bindings-forbidden"]);
    await sandbox.vary("openai", ["invite-no-projects", "user-role-member"]);
    const viewer = await apiAs("viewer");
    expect((await viewer.post("/api/sync", { data: {} })).status()).toBe(200);
    await viewer.dispose();
  });
  test.afterAll(restore);

  test("Connections shows Arthur degraded with the missing part and permission, and OpenAI's deviations in plain words", async ({
    page,
  }) => {
    await signInPage(page, "viewer");
    await page.goto("/connections");
    const arthur = page.locator('section[data-provider="arthur"]');
    await expect(arthur.locator('[data-state="degraded"]')).toHaveText("Degraded", { timeout: 30_000 });
    await expect(arthur.getByRole("status")).toContainText(
      "Role bindings could not be read: Missing permission: organization_list_role_bindings (HTTP 403)",
    );
    await expect(arthur.getByRole("status")).toContainText("Needs the permission organization_list_role_bindings");

    const openai = page.locator('section[data-provider="openai"]');
    await expect(openai.locator('[data-state="ok"]')).toHaveText("OK");
    await expect(openai.locator('[data-kind="invite.projects missing"]')).toHaveText(/^\d+ invites had no projects$/);
    await expect(openai.locator('[data-kind="user.role unknown"]')).toHaveText(/^\d+ users had a role Roster doesn't know: member$/);

    if (process.env.ROSTER_SCREENSHOTS) {
      await page.screenshot({ path: "screenshots/connections-variance.png", fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: "screenshots/connections-variance-phone.png", fullPage: true });
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.emulateMedia({ colorScheme: "dark" });
      await page.evaluate(() => document.documentElement.classList.add("dark"));
      await page.screenshot({ path: "screenshots/connections-variance-dark.png", fullPage: true });
    }
  });

  test("the users page says Arthur is degraded (not failed) and shows OpenAI's unknown role as spelled", async ({ page }) => {
    await signInPage(page, "viewer");
    await page.goto("/?provider=openai&role=member");
    await expect(page.locator('[data-state="degraded"]').filter({ hasText: "Arthur is degraded" })).toContainText("role bindings", {
      timeout: 30_000,
    });
    await expect(page.getByRole("alert").filter({ hasText: "Arthur:" })).toHaveCount(0);
    const table = page.getByRole("table", { name: "People" });
    await expect(table.locator('[data-provider="openai"]').filter({ hasText: "member" }).first()).toBeVisible();
    if (process.env.ROSTER_SCREENSHOTS) await page.screenshot({ path: "screenshots/users-degraded.png", fullPage: true });
  });

  test("a role Roster does not know is the current role in the row menu and the change-role dialog", async ({ page }) => {
    await signInPage(page, "admin");
    await page.goto("/?provider=openai&role=member&kind=person");
    const table = page.getByRole("table", { name: "People" });
    const first = table.getByRole("button", { name: /^Actions for / }).first();
    await expect(first).toBeVisible({ timeout: 30_000 });
    await first.click();
    await page.getByRole("menuitem", { name: "Change role on OpenAI" }).click();
    const current = page.getByRole("menuitemradio", { name: "member (not a role Roster knows)" });
    await expect(current).toHaveAttribute("aria-checked", "true");
    await expect(current).toHaveAttribute("aria-disabled", "true");
    await page.getByRole("menuitemradio", { name: /^reader$/i }).press("Enter");
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(/Current: member/i);
    await expect(dialog.getByRole("option", { name: /^member \(current, not a role Roster knows\)$/i })).toBeDisabled();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
  });
});
