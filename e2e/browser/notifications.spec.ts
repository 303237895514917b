import { expect, signInPage, test } from "./guard";

const SHOTS = "screenshots";

test.describe("settings: notifications", () => {
  // The first sign-in after the server starts, and the section's first read, can be slow on a loaded machine.
  test.beforeEach(() => test.slow());

  test("a requester turns an event's email off, sees it saved, and a reload shows it off; on again likewise", async ({ page }) => {
    await signInPage(page, "requester");
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "Notifications", exact: true });
    await expect(section.getByRole("checkbox")).toHaveCount(5, { timeout: 45_000 });
    // A requester sees their own choices, not the operators.
    await expect(page.getByRole("table", { name: "Roster operators" })).toHaveCount(0);
    const decided = section.getByRole("checkbox", { name: "Email: My request was decided" });
    await expect(decided).toBeChecked();
    await decided.click();
    await expect(page.getByText("Email off: my request was decided")).toBeVisible();
    await expect(decided).not.toBeChecked();
    await page.reload();
    await expect(section.getByRole("checkbox", { name: "Email: My request was decided" })).not.toBeChecked();
    await expect(section.getByRole("checkbox", { name: "Email: Access review reminders" })).toBeChecked();

    await section.getByRole("checkbox", { name: "Email: My request was decided" }).click();
    await expect(page.getByText("Email on: my request was decided")).toBeVisible();
    await page.reload();
    await expect(section.getByRole("checkbox", { name: "Email: My request was decided" })).toBeChecked();
  });

  test("an admin's settings show the section under the operators; screenshots at 1440×900, 390×844 and dark", async ({ page }) => {
    await signInPage(page, "admin");
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "Notifications", exact: true });
    await expect(section.getByRole("checkbox")).toHaveCount(5, { timeout: 45_000 });
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/settings-notifications-1440.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/settings-notifications-390.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.reload();
    await expect(section.getByRole("checkbox")).toHaveCount(5, { timeout: 45_000 });
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/settings-notifications-dark.png` });
    await page.emulateMedia({ colorScheme: "light" });
  });
});
