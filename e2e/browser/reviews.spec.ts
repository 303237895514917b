import type { Page } from "@playwright/test";
import type { ReviewSummary } from "../../lib/reviews/types";
import { E2E } from "../env";
import { apiAs, expect, signInPage, test } from "./guard";

/**
 * Access reviews in the browser: the reviewer's queue (filters, keyboard, bulk keep, a
 * removal with its reason), then the owner closes the campaign and the report shows the
 * outcome, printable and at 1440×900, 390×844 and in dark mode. The guard fails the test on
 * any console error.
 */

const SHOTS = "screenshots";

async function noOverflow(page: Page) {
  const width = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(width.doc, "the page does not scroll sideways").toBeLessThanOrEqual(width.view);
}

async function shots(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}/${name}-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 390, height: 844 });
  await noOverflow(page);
  await page.screenshot({ path: `${SHOTS}/${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("a reviewer decides in their queue; the closed campaign's report shows each outcome", async ({ page }) => {
  test.setTimeout(180_000);
  const owner = await apiAs("owner");
  const created = await owner.post("/api/reviews", {
    data: {
      name: `Browser review ${Date.now().toString(36)}`,
      scope: { providers: ["arthur"], roles: ["Organization Member"] },
      reviewers: { all: E2E.operators.admin },
      dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    },
  });
  expect(created.status(), await created.text()).toBe(200);
  const review = (await created.json()) as ReviewSummary;

  await signInPage(page, "admin");
  await page.goto("/reviews");
  await page.getByRole("link", { name: review.name }).click();
  await expect(page.getByRole("heading", { name: /Your queue/ })).toBeVisible();
  const queue = page.getByRole("table").last();
  await expect(queue.getByRole("row").nth(1)).toBeVisible();

  // Bulk keep, by keyboard: the first two rows selected with Space.
  const boxes = queue.getByRole("checkbox");
  await boxes.nth(0).focus();
  await page.keyboard.press("Space");
  await boxes.nth(1).focus();
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: "Keep selected (2)" }).click();
  await expect(page.getByRole("button", { name: "Keep selected (0)" })).toBeVisible();

  // A removal needs a reason.
  const row = queue.getByRole("row").nth(1);
  const name = (await row.getByRole("cell").nth(1).locator("div").first().textContent())!;
  await row.getByRole("button", { name: "Remove" }).click();
  await page.getByRole("textbox", { name: "Reason" }).fill("no longer on the team");
  await page.getByRole("button", { name: "Decide: remove" }).click();
  await page.getByRole("combobox", { name: "Decision" }).selectOption("remove");
  await expect(queue.getByText("no longer on the team")).toBeVisible();
  await page.getByRole("combobox", { name: "Decision" }).selectOption("open");
  await shots(page, "review-queue");

  // The owner closes; the report shows the removal done, with its audit entry.
  expect((await owner.post(`/api/reviews/${review.id}/close`)).status()).toBe(200);
  await page.goto(`/reviews/${review.id}/report`);
  await expect(page.getByRole("heading", { name: `Access review report: ${review.name}` })).toBeVisible();
  const removed = page.getByRole("row").filter({ hasText: name }).filter({ hasText: "Remove" });
  await expect(removed).toContainText("Done");
  await expect(removed).toContainText(/#\d+/);
  await expect(page.getByRole("link", { name: "CSV" })).toHaveAttribute("href", `/api/reviews/${review.id}/report/export`);
  await shots(page, "review-report");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation")).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/review-report-print.png`, fullPage: true });
});
