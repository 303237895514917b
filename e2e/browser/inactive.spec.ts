import { expect, signInPage, test } from "./guard";

const SHOTS = "screenshots";

test.describe("inactive seats", () => {
  test("the Inactive filter lists people inactive for 90+ days, with Last active, ready to offboard", async ({ page }) => {
    // Three full-page screenshots of a long list on a busy machine.
    test.setTimeout(180_000);
    await signInPage(page, "admin");
    await page.goto("/");
    const table = page.getByRole("table", { name: "People" });
    const rows = table.locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "Last active" })).toBeVisible();

    await page.getByRole("button", { name: "Inactive", exact: true }).click();
    await page.getByRole("checkbox", { name: /^90\+ days/ }).click();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/inactiveDays=90/);
    await expect(rows.first()).toBeVisible();
    // Nobody recent: each row's last activity is "Never" or 90+ days old (the exact time is in its tooltip).
    // Polled: the previous answer stays on screen until the filtered one arrives.
    const offenders = () =>
      rows.evaluateAll(
        (trs, cutOff) => {
          const bad = trs.filter((tr) => {
            const time = tr.querySelector("time[title^='Last active']");
            if (time) return Date.parse(time.getAttribute("datetime") ?? "") > cutOff;
            return !tr.textContent?.includes("Never");
          });
          return trs.length === 0 ? -1 : bad.length;
        },
        Date.now() - 90 * 86_400_000,
      );
    await expect.poll(offenders, { timeout: 15_000 }).toBe(0);
    // Choosing another threshold replaces the first.
    await page.getByRole("button", { name: "Inactive", exact: true }).click();
    await page.getByRole("checkbox", { name: /^180\+ days/ }).click();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/inactiveDays=180/);
    await page.getByRole("button", { name: "Inactive", exact: true }).click();
    await page.getByRole("checkbox", { name: /^90\+ days/ }).click();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/inactiveDays=90/);

    // From the filtered list, the existing bulk removal.
    await rows.first().getByRole("checkbox").click();
    await expect(page.getByRole("button", { name: "Remove from…" })).toBeEnabled();
    await rows.first().getByRole("checkbox").click();

    await page.screenshot({ path: `${SHOTS}/inactive-filter.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/inactive-filter-dark.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/inactive-filter-phone.png`, fullPage: true });
  });

  test("a person's page shows each membership's last activity", async ({ page }) => {
    await signInPage(page, "viewer");
    await page.goto("/?inactiveDays=90&provider=openai");
    const link = page.getByRole("table", { name: "People" }).locator("tbody tr a").first();
    await link.click();
    const memberships = page.getByRole("table", { name: "Memberships" });
    await expect(memberships.getByRole("columnheader", { name: "Last active" })).toBeVisible();
    await expect(memberships.locator('tr[data-provider="openai"]')).toContainText(/Never|ago/);
    const arthur = memberships.locator('tr[data-provider="arthur"]');
    if (await arthur.count()) await expect(arthur).toContainText("Not reported");
    await page.screenshot({ path: `${SHOTS}/inactive-person.png`, fullPage: true });
  });
});
