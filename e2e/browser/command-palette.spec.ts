import type { Page } from "@playwright/test";
import type { UsersResponse } from "../../lib/directory/types";
import { E2E } from "../env";
import { expect, signInPage, test } from "../fixtures";

/**
 * The command palette (⌘K / Ctrl+K): loaded on first open only, a combobox over a listbox
 * that jumps to a person (searched on the server), to a page, or runs an action, with the
 * keyboard alone; on a phone, from the top bar's search button, inside the screen.
 */

const SHOTS = "screenshots";

function scripts(page: Page): string[] {
  const seen: string[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() === "script") seen.push(res.url());
  });
  return seen;
}

test.describe("command palette", () => {
  test("Ctrl+K, loaded on first open: a person by name with the keyboard, then a page; Escape closes", async ({ page }) => {
    await signInPage(page, "viewer");
    const { people } = (await (await page.request.get("/api/users?kind=person&status=active&pageSize=200")).json()) as UsersResponse;
    const person = people.find((p) => p.email && p.name.split(" ").length === 2)!;
    const loaded = scripts(page);
    await page.goto("/");
    await expect(page.getByRole("table", { name: "People" }).locator("tbody tr").first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    const before = loaded.length;

    await page.keyboard.press("Control+k");
    const palette = page.getByRole("dialog", { name: "Command palette" });
    await expect(palette).toBeVisible();
    expect(loaded.length, "its script is fetched when it first opens, not with the page").toBeGreaterThan(before);
    const box = palette.getByRole("combobox");
    await expect(box).toBeFocused();
    await expect(box).toHaveAccessibleName("Search people, pages and actions");

    await box.fill(person.name.split(" ")[1].slice(0, 5).toLowerCase() + " " + person.name.split(" ")[0].slice(0, 3));
    const option = palette.getByRole("option", { name: new RegExp(person.name) });
    await expect(option.first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/command-palette.png` });
    // Arrows move the active option (aria-activedescendant), Enter runs it.
    const options = palette.getByRole("option");
    const index = (await options.allTextContents()).findIndex((t) => t.includes(person.email!));
    expect(index).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < index; i++) await box.press("ArrowDown");
    await expect(options.nth(index)).toHaveAttribute("aria-selected", "true");
    await expect(box).toHaveAttribute("aria-activedescendant", (await options.nth(index).getAttribute("id"))!);
    await box.press("Enter");
    await expect(page).toHaveURL(`${E2E.baseUrl}/people/${encodeURIComponent(person.email!)}`);
    await expect(palette).toBeHidden();

    await page.keyboard.press("Control+k");
    await expect(box).toHaveValue("");
    await box.fill("aud");
    await expect(palette.getByRole("option", { name: /Audit/ })).toHaveAttribute("aria-selected", "true");
    await box.press("Enter");
    await expect(page).toHaveURL(`${E2E.baseUrl}/audit`);

    await page.keyboard.press("Control+k");
    await expect(palette).toBeVisible();
    await box.fill("zzzz-nobody-zzzz");
    // Once the people search has answered (not only before it starts), nothing is offered.
    await expect(palette.getByRole("status")).toHaveText("0 people match");
    await expect(palette).toContainText("Nothing matches");
    await expect(palette.getByRole("option")).toHaveCount(0);
    await page.keyboard.press("Escape");
    await expect(palette).toBeHidden();
  });

  test("an action: switch the theme; pages a viewer cannot use are not offered", async ({ page }) => {
    await signInPage(page, "viewer");
    await page.goto("/audit");
    await page.keyboard.press("Control+k");
    const palette = page.getByRole("dialog", { name: "Command palette" });
    const options = palette.getByRole("option");
    await expect(options.first()).toBeVisible();
    const labels = await options.allTextContents();
    expect(labels.some((l) => l.startsWith("Settings"))).toBe(false);
    expect(labels.some((l) => l.startsWith("Service accounts"))).toBe(false);
    await palette.getByRole("combobox").fill("dark");
    await palette.getByRole("combobox").press("Enter");
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.keyboard.press("Control+k");
    await palette.getByRole("combobox").fill("user");
    await page.screenshot({ path: `${SHOTS}/command-palette-dark.png` });
    await palette.getByRole("combobox").press("Escape");
    await page.keyboard.press("Control+k");
    await palette.getByRole("combobox").fill("light");
    await palette.getByRole("combobox").press("Enter");
    await expect(page.locator("html")).not.toHaveClass(/dark/);
  });

  test("on a phone: opened from the top bar, inside the screen", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInPage(page, "viewer");
    await page.goto("/");
    await page.getByRole("button", { name: "Search people, pages and actions" }).click();
    const palette = page.getByRole("dialog", { name: "Command palette" });
    await expect(palette).toBeVisible();
    await palette.getByRole("combobox").fill("inv");
    await expect(palette.getByRole("option", { name: /Invites/ })).toBeVisible();
    const box = (await palette.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/command-palette-phone.png` });
  });
});
