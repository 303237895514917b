import { expect, signInPage, test } from "./guard";

const SHOTS = "screenshots";
const run = Date.now().toString(36);

test.describe("settings: operators", () => {
  test("an owner adds an operator, changes the role after confirming, and disables them; the last owner is protected", async ({ page }) => {
    await signInPage(page, "owner");
    await page.goto("/settings");
    const table = page.getByRole("table", { name: "Roster operators" });
    await expect(table.getByText("owner@roster.demo")).toBeVisible();
    const ownerRow = table.locator("tbody tr").filter({ hasText: "owner@roster.demo" });
    await expect(ownerRow.getByRole("combobox")).toBeDisabled();
    await expect(ownerRow.getByText("Last owner")).toBeVisible();
    await expect(ownerRow.getByRole("button", { name: /Disable/ })).toHaveAttribute("aria-disabled", "true");
    await page.screenshot({ path: `${SHOTS}/settings.png`, fullPage: true });

    const email = `helper-${run}@example.com`;
    await page.getByRole("button", { name: "Add operator" }).click();
    const add = page.getByRole("dialog", { name: "Add an operator" });
    await add.getByLabel("Email").fill(`  Helper-${run}@Example.com`);
    await add.getByLabel("Name").fill("Hel Per");
    await add.getByLabel("Roster role").selectOption("viewer");
    await add.getByLabel("Password", { exact: true }).fill("too-short");
    await expect(add.getByText(/^At least 12 characters/)).toBeVisible();
    await expect(add.getByRole("button", { name: "Add operator" })).toBeDisabled();
    await add.getByRole("button", { name: "Generate" }).click();
    await page.screenshot({ path: `${SHOTS}/settings-add-operator.png` });
    await add.getByRole("button", { name: "Add operator" }).click();
    await expect(add).toBeHidden();
    const row = table.locator("tbody tr").filter({ hasText: email });
    await expect(row).toBeVisible();

    // The role shown does not change until confirmed; cancelling leaves it.
    const select = row.getByRole("combobox", { name: "Roster role of Hel Per" });
    await select.selectOption("admin");
    const confirm = page.getByRole("alertdialog", { name: "Make Hel Per admin?" });
    await expect(confirm).toBeVisible();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(select).toHaveValue("viewer");
    await select.selectOption("admin");
    await page.getByRole("alertdialog", { name: "Make Hel Per admin?" }).getByRole("button", { name: "Change role" }).click();
    await expect(select).toHaveValue("admin");

    await row.getByRole("button", { name: "Disable Hel Per" }).click();
    const disable = page.getByRole("alertdialog", { name: "Disable Hel Per?" });
    await expect(disable).toContainText("stops working at its next request");
    await page.screenshot({ path: `${SHOTS}/settings-disable.png` });
    await disable.getByRole("button", { name: "Disable operator" }).click();
    await expect(row.getByText("Disabled")).toBeVisible();
    await expect(row.getByRole("button", { name: "Enable Hel Per" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/settings-after.png`, fullPage: true });
  });

  test("admins see operators read-only", async ({ page }) => {
    await signInPage(page, "admin");
    await page.goto("/settings");
    await expect(page.getByRole("table", { name: "Roster operators" }).getByText("owner@roster.demo")).toBeVisible();
    await expect(page.getByText("Only owners add operators")).toBeVisible();
    await expect(page.getByRole("button", { name: "Add operator" })).toHaveCount(0);
    await expect(page.getByRole("combobox")).toHaveCount(0);
  });

  test("owners accept Arthur's pending invitations from the Connections page; admins see why they cannot", async ({ page }) => {
    await signInPage(page, "admin");
    await page.goto("/connections");
    const gated = page.getByRole("button", { name: "Accept pending invitations" });
    await expect(gated).toHaveAttribute("aria-disabled", "true");

    await signInPage(page, "owner");
    await page.goto("/connections");
    await page.getByRole("button", { name: "Accept pending invitations" }).click();
    const dialog = page.getByRole("dialog", { name: "Accept Arthur's pending invitations?" });
    await dialog.getByRole("button", { name: "Accept invitations" }).click();
    await expect(page.getByText("Accepted Arthur's pending invitations")).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/connections-accept-invites.png`, fullPage: true });
  });
});
