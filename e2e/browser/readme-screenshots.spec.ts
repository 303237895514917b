import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import type { UsersResponse } from "../../lib/directory/types";
import { expect, signInPage, test } from "../fixtures";

/**
 * The README's screenshots (docs/screenshots): the users page, a person, the invite flow and
 * the audit log, from the real app. Written to docs/screenshots with
 * `README_SCREENSHOTS=1 npx playwright test e2e/browser/readme-screenshots.spec.ts` (then
 * committed); otherwise to screenshots/, so an ordinary test run leaves the tree alone.
 * Each image stays small enough for the folder to stay under 1 MB.
 */

const ROOT = path.resolve(__dirname, "..", "..");
const OUT = process.env.README_SCREENSHOTS === "1" ? path.join(ROOT, "docs", "screenshots") : path.join(ROOT, "screenshots", "readme");
const MAX_BYTES = 240_000;

test.use({ viewport: { width: 1200, height: 720 } });

async function shoot(page: Page, name: string) {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.png`);
  // Pointer away from anything with a hover state, and no caret blinking into the picture.
  await page.mouse.move(0, 719);
  await page.screenshot({ path: file, caret: "hide", animations: "disabled" });
  const bytes = fs.statSync(file).size;
  expect(bytes, `${name}.png is ${bytes} bytes`).toBeLessThan(MAX_BYTES);
}

test("README screenshots: users, a person, the invite flow, the audit log", async ({ page }) => {
  test.setTimeout(180_000);
  await signInPage(page, "admin");
  const { people } = (await (await page.request.get("/api/users?kind=person&status=active&pageSize=200")).json()) as UsersResponse;
  const person = people.find((p) => p.memberships.length === 3 && p.memberships.some((m) => m.scopedRoles?.length))!;

  await page.goto("/");
  await expect(page.getByRole("table", { name: "People" }).locator("tbody tr").nth(8)).toBeVisible();
  await shoot(page, "users");

  await page.goto(`/people/${encodeURIComponent(person.email!)}`);
  await expect(page.getByRole("table", { name: "Memberships" }).locator("tbody tr")).toHaveCount(3);
  await shoot(page, "person");

  await page.goto("/invites");
  await page.getByRole("button", { name: "Invite people" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Invite people" });
  await dialog.getByLabel("Emails").fill("new.analyst@example.com\nsecond.analyst@example.com");
  for (const provider of ["OpenAI", "Arthur"]) await dialog.getByRole("checkbox", { name: provider }).check();
  await dialog.getByLabel("Reason").fill("Joining the analytics team on Monday");
  await expect(dialog.getByText("new.analyst@example.com").first()).toBeVisible();
  await shoot(page, "invite");
  await page.keyboard.press("Escape");

  await page.goto("/audit");
  await expect(page.locator("tbody tr").nth(3)).toBeVisible();
  await shoot(page, "audit");

  const total = fs
    .readdirSync(OUT)
    .filter((f) => f.endsWith(".png") && ["users", "person", "invite", "audit"].includes(f.slice(0, -4)))
    .reduce((sum, f) => sum + fs.statSync(path.join(OUT, f)).size, 0);
  expect(total, "the README's screenshots together").toBeLessThan(1_000_000);
});
