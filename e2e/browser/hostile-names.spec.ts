import type { Page } from "@playwright/test";
import { E2E } from "../env";
import { expect, signInPage, test } from "./guard";
import { throughApproval } from "../api/member-helpers";

/**
 * A member's name comes from a provider, so it is untrusted: one full of HTML and script,
 * created on Arthur through Roster's own API, shows as text on the users page and the
 * person page, and nothing in it runs.
 */

const FIRST = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
const LAST = `"><svg onload="window.__pwned=3"><a href="javascript:window.__pwned=4">x</a>`;

/** No element the name could have made exists, and no handler in it ran. */
async function expectNothingRan(page: Page, where: string) {
  const found = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    imgs: document.querySelectorAll('img[src="x"], [onerror], [onload]').length,
    svgs: document.querySelectorAll("svg[onload]").length,
    scripts: [...document.scripts].filter((s) => s.textContent?.trim() === "window.__pwned=2").length,
    links: document.querySelectorAll('a[href^="javascript:"]').length,
  }));
  expect(found, where).toEqual({ pwned: undefined, imgs: 0, svgs: 0, scripts: 0, links: 0 });
}

test("a member named with HTML and script renders as text on the users and person pages", async ({ page, as }) => {
  const [admin, owner] = [await as("admin"), await as("owner")];
  const email = `hostile-${Date.now()}@names.example`;
  // A new Arthur user waits for a second admin (the two-person rule): the owner approves it.
  await throughApproval(await admin.post("/api/arthur/users", { data: { firstName: FIRST, lastName: LAST, email } }), owner);

  // Any dialog (alert) a payload opened would show here.
  page.on("dialog", (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
  await signInPage(page, "viewer");

  await page.goto(`/?q=${encodeURIComponent(email)}`);
  const row = page.getByRole("table", { name: "People" }).locator("tbody tr").filter({ hasText: email });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(FIRST);
  await expectNothingRan(page, "users page");

  await page.goto(`/people/${encodeURIComponent(email)}`);
  await expect(page.getByRole("main")).toContainText(FIRST);
  await expect(page.getByRole("main")).toContainText(LAST);
  await expect(page).toHaveURL(`${E2E.baseUrl}/people/${encodeURIComponent(email)}`);
  await expectNothingRan(page, "person page");
});
