import type { Page } from "@playwright/test";
import type { Person, UsersResponse } from "../../lib/directory/types";
import { expect, signInPage, test } from "../fixtures";

/**
 * Roles read the same on every page: Astronomer's codes (ORGANIZATION_MEMBER) as words
 * like Arthur's, each with the provider it is on, while the API keeps the provider's code.
 */

const CODE = /\b(ORGANIZATION|WORKSPACE)_[A-Z_]+\b/;

async function astronomerPerson(page: Page): Promise<Person> {
  const res = await page.request.get("/api/users?provider=astronomer&status=active&kind=person&pageSize=200");
  const body = (await res.json()) as UsersResponse;
  const person = body.people.find(
    (p) =>
      p.email &&
      p.memberships.length >= 2 &&
      p.memberships.some((m) => m.provider === "astronomer" && m.scopedRoles?.length && !/OWNER/.test(m.role)),
  )!;
  expect(person.memberships.find((m) => m.provider === "astronomer")!.role, "the API keeps Astronomer's code").toMatch(CODE);
  return person;
}

test("roles show as words with their provider: users table, filter, person page, dialog", async ({ page }) => {
  await signInPage(page, "admin");
  const person = await astronomerPerson(page);
  const astro = person.memberships.find((m) => m.provider === "astronomer")!;
  const words = astro.role
    .split("_")
    .map((w) => w[0] + w.slice(1).toLowerCase())
    .join(" ");

  await page.goto(`/?q=${encodeURIComponent(person.email!)}`);
  const row = page.getByRole("table", { name: "People" }).locator("tbody tr").filter({ hasText: person.email! });
  await expect(row).toHaveCount(1);
  const roles = row.locator("td").nth(3).getByRole("listitem");
  await expect(roles.filter({ hasText: "Astronomer" })).toHaveText(`Astronomer${words}`);
  await expect(row).not.toContainText(CODE);

  await page.getByRole("button", { name: "Role", exact: true }).click();
  const filter = page.getByRole("dialog");
  await expect(filter.getByRole("checkbox", { name: "Organization Member", exact: true })).toBeVisible();
  await expect(filter).not.toContainText(CODE);
  await page.screenshot({ path: "screenshots/roles-filter.png" });
  await page.keyboard.press("Escape");

  await page.goto(`/people/${encodeURIComponent(person.email!)}`);
  const memberships = page.getByRole("table", { name: "Memberships" });
  await expect(memberships.locator("tr", { hasText: "Astronomer" })).toContainText(words);
  await expect(memberships.locator("tr", { hasText: "Astronomer" })).toContainText(/: Workspace (Owner|Operator|Author|Member)/);
  await expect(memberships).not.toContainText(CODE);

  await memberships.getByRole("button", { name: "Change role on Astronomer" }).click();
  const dialog = page.getByRole("dialog");
  const options = dialog.getByLabel("New role").locator("option");
  await expect(options.first()).toBeAttached();
  expect((await options.allTextContents()).join("|")).not.toMatch(CODE);
  await expect(dialog).toContainText("Organization Owner");
  await page.screenshot({ path: "screenshots/roles-dialog.png" });
});
