import { E2E } from "../env";
import { expect, signInPage, test } from "./guard";

const SHOTS = "screenshots";
const run = Date.now().toString(36);

test.describe("service accounts page", () => {
  test("one admin asks for an Arthur service account; a second approves it and sees the secret once, never again", async ({ page }) => {
    test.setTimeout(180_000);
    await signInPage(page, "admin");
    await page.goto("/service-accounts");
    const table = page.getByRole("table", { name: "Arthur service accounts" });
    await expect(table.locator("tbody tr").first()).toBeVisible();
    await expect(page.getByText("Sandbox").first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/service-accounts.png`, fullPage: true });

    const name = `ci-deploy-${run}`;
    await page.getByRole("button", { name: "New service account" }).first().click();
    const create = page.getByRole("dialog", { name: "New Arthur service account" });
    await create.getByLabel("Name").fill(name);
    // The two-person rule: a new account with a secret waits for a second admin.
    const submit = create.getByRole("button", { name: "Request approval" });
    await expect(submit, "no role is chosen for you").toBeDisabled();
    await expect(create).toContainText("Another admin approves it");
    const roles = create.getByLabel("Organization role");
    await expect(roles.locator("option:not([disabled])")).toHaveText([
      "Organization Admin",
      "Organization Member",
      "Organization Read Only",
    ]);
    await roles.selectOption({ label: "Organization Member" });
    await page.screenshot({ path: `${SHOTS}/service-account-create.png` });
    await submit.click();
    await expect(page.getByText(`Approval requested: a new service account "${name}"`)).toBeVisible();
    await expect(create).toBeHidden();
    await expect(table.getByText(name), "nothing is created before the approval").toHaveCount(0);

    // The requester cannot approve it; another admin (the owner) can, on the Invites page.
    await page.goto("/invites");
    const card = () =>
      page.getByRole("article", { name: `New service account request by ${E2E.operators.admin}` }).filter({ hasText: name });
    await expect(card()).toContainText(`Create the Arthur service account "${name}" as Organization Member`, { timeout: 45_000 });
    await expect(card().getByRole("button", { name: "Approve" })).toBeDisabled();
    await signInPage(page, "owner");
    await page.goto("/invites");
    await expect(card()).toBeVisible({ timeout: 45_000 });
    await page.screenshot({ path: `${SHOTS}/change-request.png`, fullPage: true });
    await card().getByRole("button", { name: "Approve" }).click();
    const approve = page.getByRole("dialog", { name: "Approve and make this change?" });
    await approve.getByRole("button", { name: "Approve and make the change" }).click();

    const shown = page.getByRole("alertdialog", { name: `Service account ${name} created` });
    await expect(shown).toBeVisible();
    await expect(shown.getByText("Shown once")).toBeVisible();
    const secret = (await shown.getByTestId("credential-client-secret").textContent())!.trim();
    expect(secret.length).toBeGreaterThanOrEqual(20);
    await expect(shown.getByRole("button", { name: "Copy client secret" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/service-account-secret.png` });
    await shown.getByRole("button", { name: "I have copied the secret" }).click();
    await expect(shown).toBeHidden();
    await expect(card().getByTestId("request-outcome")).toHaveText("Done");
    expect(await page.content()).not.toContain(secret);
    // The requests page on a phone, and dark.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/change-request-mobile.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/dark/);
    await expect(card().getByTestId("request-outcome")).toHaveText("Done");
    await page.screenshot({ path: `${SHOTS}/change-request-dark.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });

    await page.goto("/service-accounts");
    // The account is listed with its role; its secret is nowhere on the page, not even after a reload.
    await expect(table.getByText(name)).toBeVisible();
    const created = table.locator("tbody tr").filter({ hasText: name });
    await expect(created).toContainText("Organization Member");
    await expect(created).not.toContainText("No role");
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    await expect(table.getByText(name)).toBeVisible();
    expect(await page.content()).not.toContain(secret);

    // Regenerating asks first, then shows a different secret once.
    await page.getByRole("button", { name: `Regenerate the secret of ${name}` }).click();
    const confirm = page.getByRole("alertdialog", { name: `Regenerate the secret of ${name}?` });
    await expect(confirm).toContainText("stops working");
    await confirm.getByRole("button", { name: "Regenerate secret" }).click();
    const again = page.getByRole("alertdialog", { name: `New secret for ${name}` });
    const second = (await again.getByTestId("credential-client-secret").textContent())!.trim();
    expect(second).not.toBe(secret);
    await again.getByRole("button", { name: "I have copied the secret" }).click();
    expect(await page.content()).not.toContain(second);

    // Nor in the audit page.
    await page.goto("/audit");
    await expect(page.locator("tbody").getByText("Create service account").first()).toBeVisible();
    const audit = await page.content();
    expect(audit).not.toContain(secret);
    expect(audit).not.toContain(second);
  });

  test("rename a service account; search; dark mode", async ({ page }) => {
    await signInPage(page, "admin");
    await page.goto("/service-accounts");
    const table = page.getByRole("table", { name: "Arthur service accounts" });
    await expect(table.locator("tbody tr").first()).toBeVisible();
    const first = (await table.locator("tbody tr").first().locator("td").first().locator(".font-medium").first().textContent())!.trim();
    await page.getByRole("button", { name: `Rename ${first}` }).click();
    const dialog = page.getByRole("dialog", { name: `Rename ${first}` });
    await dialog.getByLabel("Name").fill(`renamed-${run}`);
    await dialog.getByRole("button", { name: "Rename" }).click();
    await expect(dialog).toBeHidden();
    await expect(table.getByText(`renamed-${run}`)).toBeVisible();

    // Roster's own identity is marked, and regenerating its secret warns first.
    const self = table.locator("tbody tr").filter({ hasText: "Roster itself" });
    await expect(self).toHaveCount(1);
    await self.getByRole("button", { name: /Regenerate the secret of/ }).click();
    const warn = page.getByRole("alertdialog", { name: /Regenerate the secret of/ });
    await expect(warn.getByText("This is Roster's own Arthur identity")).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/service-account-regenerate-self.png` });
    await warn.getByRole("button", { name: "Cancel" }).click();
    await expect(warn).toBeHidden();

    await page.getByLabel("Search service accounts").fill(`renamed-${run}`);
    await expect(table.locator("tbody tr")).toHaveCount(1);
    await page.getByLabel("Search service accounts").fill("zzz-no-such-account");
    await expect(page.getByText("No matches")).toBeVisible();
    await page.getByLabel("Search service accounts").fill("");

    await page.emulateMedia({ colorScheme: "dark" });
    await page.evaluate(() => document.documentElement.classList.add("dark"));
    await page.getByRole("button", { name: "Create user" }).click();
    const createUser = page.getByRole("dialog", { name: "Create an Arthur user" });
    await createUser.getByLabel("First name").fill("Dana");
    await createUser.getByLabel("Email").fill(`dana-${run}@example.com`);
    // The two-person rule: no password is chosen here; the approving admin gets a one-time password.
    await expect(createUser.getByLabel("One-time password")).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/arthur-create-user-dark.png` });
    await createUser.getByRole("button", { name: "Request approval" }).click();
    await expect(createUser).toBeHidden();
    await expect(page.getByText(`Approval requested: a new Arthur user dana-${run}@example.com`)).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/service-accounts-dark.png`, fullPage: true });
  });

  test("viewers are told the page is for admins", async ({ page }) => {
    await signInPage(page, "viewer");
    await page.goto("/service-accounts");
    await expect(page.getByText("Admins only")).toBeVisible();
  });
});
