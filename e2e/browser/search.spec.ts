import type { Page, Request } from "@playwright/test";
import { expect, signInPage, test } from "./guard";

/**
 * Searching the users page (issue 18): no prefetch storm of person pages after a load or a
 * search, an answer overtaken by a newer search is never shown, and what the operator typed
 * stays in the box while answers arrive.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isPersonPrefetch = (request: Request) => new URL(request.url()).pathname.startsWith("/people/") && request.method() === "GET";

async function openUsers(page: Page) {
  await signInPage(page, "viewer");
  await page.goto("/");
  const rows = page.getByRole("table", { name: "People" }).locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  return rows;
}

test.describe("search on the users page", () => {
  test("neither the load nor a search prefetches the person pages of the rows", async ({ page }) => {
    const prefetches: string[] = [];
    page.on("request", (request) => {
      if (isPersonPrefetch(request)) prefetches.push(request.url());
    });
    const rows = await openUsers(page);
    await page.getByLabel("Search people", { exact: true }).fill("hopper");
    await expect(rows.first()).toContainText(/hopper/i);
    // Next prefetches links as they scroll into view, once the browser is idle.
    await page.waitForLoadState("networkidle");
    await sleep(500);
    expect(prefetches, "person pages requested without a click").toEqual([]);
  });

  test("an answer overtaken by a newer search is never shown, and the typed words stay", async ({ page }) => {
    const rows = await openUsers(page);
    let slowAnswered!: () => void;
    const slowDone = new Promise<void>((resolve) => (slowAnswered = resolve));
    // The first search's answer comes late: after the second search's.
    await page.route(/\/api\/users\?.*q=lovelace/, async (route) => {
      await sleep(1500);
      await route.continue().catch(() => undefined); // the page may have cancelled it meanwhile
      slowAnswered();
    });
    const search = page.getByLabel("Search people", { exact: true });
    await search.fill("lovelace");
    await expect(page).toHaveURL(/q=lovelace/);
    await search.fill("hopper");
    await expect(page).toHaveURL(/q=hopper/);
    await expect(rows.first()).toContainText(/hopper/i);
    await slowDone;
    await sleep(300);
    const count = await rows.count();
    for (let i = 0; i < count; i++) await expect(rows.nth(i), "only the newer search's rows").toContainText(/hopper/i);
    await expect(search).toHaveValue("hopper");
    await expect(page).toHaveURL(/q=hopper/);
  });

  test("typing on while answers are slow keeps every character typed", async ({ page }) => {
    await openUsers(page);
    await page.route(/\/api\/users\?/, async (route) => {
      await sleep(400);
      await route.continue().catch(() => undefined);
    });
    const search = page.getByLabel("Search people", { exact: true });
    await search.click();
    // Slower than the debounce, so each pause commits a search while the next keys arrive.
    await search.pressSequentially("lovel", { delay: 150 });
    await search.pressSequentially("ace", { delay: 40 });
    await expect(search).toHaveValue("lovelace");
    await expect(page).toHaveURL(/q=lovelace/);
    await sleep(1200);
    await expect(search).toHaveValue("lovelace");
  });
});
