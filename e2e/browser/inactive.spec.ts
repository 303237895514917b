import { expect, signInPage, test } from "./guard";

const SHOTS = "screenshots";

test.describe("inactive seats", () => {
  test("the Inactive filter lists people inactive for 90+ days, with Last active, ready to offboard", async ({ page }) => {
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
    // Nobody recent: each row's last activity is "Never" or months old (the exact time is in its tooltip).
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const time = tr.querySelector("time[title^='Last active']");
        return time ? time.getAttribute("datetime") : tr.textContent?.includes("Never") ? "never" : "missing";
      }),
    );
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) {
      expect(cell).not.toBe("missing");
      if (cell !== "never") expect(Date.now() - Date.parse(cell!)).toBeGreaterThan(90 * 86_400_000);
    }
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
