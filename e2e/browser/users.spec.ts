import type { UsersResponse } from "../../lib/directory/types";
import { E2E } from "../env";
import { expect, sandbox, signInPage, test } from "./guard";

const SHOTS = "screenshots";

test.describe("users page", () => {
  test.afterEach(async () => sandbox.clearFaults());

  test("signing in shows people from all three providers, marked Sandbox", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
    await page.getByLabel("Email").fill(E2E.operators.admin);
    await page.getByLabel("Password").fill(E2E.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${E2E.baseUrl}/`);

    const table = page.getByRole("table", { name: "People" });
    await expect(table.locator("tbody tr").first()).toBeVisible();
    await expect(page.getByText("Sandbox").first()).toBeVisible();
    for (const provider of ["OpenAI", "Astronomer", "Arthur"]) {
      await expect(table.getByText(provider).first()).toBeVisible();
    }
    // Someone is on all three: the founders of the seed are everywhere.
    const founder = table.locator("tbody tr").filter({ hasText: "OpenAI" }).filter({ hasText: "Astronomer" }).filter({ hasText: "Arthur" });
    await expect(founder.first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/users.png`, fullPage: true });
  });

  test("wrong password shows an error and stays on the sign-in page", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("Email").fill(E2E.operators.admin);
    await page.getByLabel("Password").fill("nope");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Wrong email or password")).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
    await page.screenshot({ path: `${SHOTS}/signin-error.png` });
  });

  test("search narrows the rows and lives in the URL", async ({ page }) => {
    await signInPage(page, "viewer");
    await page.goto("/");
    const rows = page.getByRole("table", { name: "People" }).locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    await page.getByLabel("Search people", { exact: true }).fill("lovelace");
    await expect(page).toHaveURL(/q=lovelace/);
    await expect(rows.first()).toContainText(/lovelace/i);
    const count = await rows.count();
    for (let i = 0; i < count; i++) await expect(rows.nth(i)).toContainText(/lovelace/i);
    // Reload keeps the state.
    await page.reload();
    await expect(page.getByLabel("Search people", { exact: true })).toHaveValue("lovelace");
    await expect(rows.first()).toContainText(/lovelace/i);
  });

  test("filter by provider shows only that provider's people", async ({ page }) => {
    await signInPage(page, "viewer");
    await page.goto("/");
    const rows = page.getByRole("table", { name: "People" }).locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    await page.getByRole("button", { name: "Provider", exact: true }).click();
    await page.getByRole("checkbox", { name: "Arthur", exact: true }).click();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/provider=arthur/);
    await expect(rows.first()).toBeVisible();
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) await expect(rows.nth(i)).toContainText("Arthur");
  });

  test("filters by project and by access through a group, kept in the URL", async ({ page }) => {
    await signInPage(page, "viewer");
    await page.goto("/");
    const rows = page.getByRole("table", { name: "People" }).locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    await page.getByRole("button", { name: "Project / workspace", exact: true }).click();
    await page.getByRole("checkbox", { name: "Research (project)", exact: true }).click();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/workspace=openai%3Aproj_research|workspace=openai:proj_research/);
    // The table settles on exactly the people the API lists for that filter (the previous page stays until then).
    const shown = async (search: string) =>
      Math.min(50, ((await (await page.request.get(`/api/users?${search}`)).json()) as UsersResponse).total);
    const inProject = await shown("workspace=openai:proj_research");
    expect(inProject).toBeGreaterThan(0);
    await expect(rows).toHaveCount(inProject);
    for (let i = 0; i < inProject; i++) await expect(rows.nth(i)).toContainText("OpenAI");

    await page.getByRole("button", { name: "Reset" }).click();
    await page.getByRole("button", { name: "Access", exact: true }).click();
    await page.getByRole("checkbox", { name: "Through a group", exact: true }).click();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/via=group/);
    const viaGroup = await shown("via=group");
    expect(viaGroup).toBeGreaterThan(0);
    await expect(rows).toHaveCount(viaGroup);
    for (let i = 0; i < viaGroup; i++) await expect(rows.nth(i)).toContainText("Arthur");
    // Reload keeps the filter.
    await page.reload();
    await expect(rows).toHaveCount(viaGroup);
    await expect(page).toHaveURL(/via=group/);
  });

  test("pages through the directory", async ({ page }) => {
    await signInPage(page, "viewer");
    await page.goto("/?pageSize=25");
    const rows = page.getByRole("table", { name: "People" }).locator("tbody tr");
    await expect(rows).toHaveCount(25);
    const first = await rows.first().innerText();
    await page.getByRole("button", { name: "Next page" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(rows.first()).not.toHaveText(first);
    await expect(page.getByText(/Showing 26–50 of/)).toBeVisible();
  });

  test("connections page shows each provider's mode, identity and last sync", async ({ page }) => {
    await signInPage(page, "admin");
    await page.goto("/connections");
    for (const provider of ["OpenAI", "Astronomer", "Arthur"]) {
      await expect(page.getByRole("heading", { name: provider })).toBeVisible();
    }
    await expect(page.getByText("Sandbox").first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/connections.png`, fullPage: true });
  });

  test("dark mode changes the users page's colours", async ({ page }) => {
    const colours = () =>
      page.evaluate(() => {
        const cell = document.querySelector("table tbody tr td") as HTMLElement;
        const badge = document.querySelector("table tbody [data-provider]") ?? cell;
        return {
          dark: document.documentElement.classList.contains("dark"),
          page: getComputedStyle(document.body).backgroundColor,
          text: getComputedStyle(cell).color,
          badge: getComputedStyle(badge).backgroundColor,
        };
      });
    await signInPage(page, "viewer");
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/");
    await expect(page.getByRole("table", { name: "People" }).locator("tbody tr").first()).toBeVisible();
    const light = await colours();

    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/");
    await expect(page.getByRole("table", { name: "People" }).locator("tbody tr").first()).toBeVisible();
    const dark = await colours();
    expect([light.dark, dark.dark]).toEqual([false, true]);
    expect(dark.page, "the page background").not.toBe(light.page);
    expect(dark.text, "the table's text").not.toBe(light.text);
    expect(light.badge, "a provider badge has its tint").not.toBe("rgba(0, 0, 0, 0)");
    expect(dark.badge, "a provider badge").not.toBe(light.badge);
    await page.screenshot({ path: `${SHOTS}/users-dark.png`, fullPage: true });
  });
});
