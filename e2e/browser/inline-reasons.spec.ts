import { expect, signInPage, test } from "./guard";
import { USERS_QUERY_LIMITS } from "../../lib/directory/constants";
import { INPUT_LIMITS } from "../../lib/limits";

/**
 * Issue 13, items 6, 7 and 12: reasons are on the page, not only in tooltips; the server's
 * validation marks the field it is about; a dead end offers the way back; the search box stops
 * where the API does and says so; not-found pages are Roster's; an enabled ghost button does
 * not look disabled; the pending-invite count follows the provider filter.
 */

test.describe("reasons inline, fields marked, ways back", () => {
  test("the invite dialog says why it cannot send yet, beside the button", async ({ page }) => {
    await signInPage(page, "requester");
    await page.goto("/invites");
    await page.getByRole("button", { name: "Invite people" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Invite people" });
    const send = dialog.getByRole("button", { name: "Request invites" });
    await expect(send).toHaveAttribute("aria-disabled", "true");
    await expect(dialog.getByTestId("action-reason")).toHaveText("Enter at least one email address");
    await expect(send).toHaveAccessibleDescription("Enter at least one email address");
    await dialog.getByLabel("Emails").fill("new.person@example.com");
    await expect(dialog.getByTestId("action-reason")).toHaveText("Choose at least one provider");
    await dialog.getByLabel("Reason").fill("x".repeat(INPUT_LIMITS.reason + 50));
    await expect(dialog.getByLabel("Reason")).toHaveValue("x".repeat(INPUT_LIMITS.reason));
    await expect(dialog.getByText(`At most ${INPUT_LIMITS.reason.toLocaleString("en-US")} characters`)).toBeVisible();
  });

  test("add operator: the disabled button says why; the server's refusal marks the email field", async ({ page }) => {
    await signInPage(page, "owner");
    await page.goto("/settings");
    await page.getByRole("button", { name: "Add operator" }).click();
    const add = page.getByRole("dialog", { name: "Add an operator" });
    await expect(add.getByRole("button", { name: "Add operator" })).toBeDisabled();
    await expect(add.getByTestId("action-reason")).toContainText("The password needs at least");
    const email = add.getByLabel("Email");
    await email.fill(`${"a".repeat(65)}@example.com`);
    await add.getByLabel("Name").fill("n".repeat(INPUT_LIMITS.name + 20));
    await expect(add.getByLabel("Name")).toHaveValue("n".repeat(INPUT_LIMITS.name));
    await expect(add.getByText(`At most ${INPUT_LIMITS.name} characters`)).toBeVisible();
    await add.getByRole("button", { name: "Generate" }).click();
    await add.getByRole("button", { name: "Add operator" }).click();
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveAccessibleDescription(/more than 64 characters before the @/);
    await expect(add.getByText("Check the input")).toHaveCount(0);
  });

  test("an email in another script is taken for an operator", async ({ page }) => {
    await signInPage(page, "owner");
    await page.goto("/settings");
    await page.getByRole("button", { name: "Add operator" }).click();
    const add = page.getByRole("dialog", { name: "Add an operator" });
    const address = `jörg.${Date.now()}@exämple.com`;
    await add.getByLabel("Email").fill(address);
    await add.getByLabel("Name").fill("Jörg");
    await add.getByRole("button", { name: "Generate" }).click();
    await add.getByRole("button", { name: "Add operator" }).click();
    await expect(add).toBeHidden();
    await expect(page.getByRole("table", { name: "Roster operators" })).toContainText(address);
  });

  test("a person nobody has offers the way back to People, not a pointless retry", async ({ page }) => {
    await signInPage(page, "viewer");
    for (const key of ["nobody%40nowhere.invalid", "%00bad"]) {
      await page.goto(`/people/${key}`);
      await expect(page.getByRole("link", { name: "Back to Users" }).last()).toBeVisible();
      await expect(page.getByRole("button", { name: "Try again" })).toHaveCount(0);
    }
  });
});

test.describe("the search limit", () => {
  test("the box stops at the API's limit and says so; longer in the URL is cut, not dropped", async ({ page, as }) => {
    const api = await as("viewer");
    const refused = await api.get(`/api/users?q=${"x".repeat(USERS_QUERY_LIMITS.q + 1)}`);
    expect(refused.status()).toBe(422);
    expect(((await refused.json()) as { error: { details: Array<{ field: string }> } }).error.details[0].field).toBe("q");

    await signInPage(page, "viewer");
    await page.goto("/");
    const box = page.getByLabel("Search people", { exact: true });
    await box.fill("z".repeat(USERS_QUERY_LIMITS.q + 40));
    await expect(box).toHaveValue("z".repeat(USERS_QUERY_LIMITS.q));
    await expect(page.getByText(`Searches stop at ${USERS_QUERY_LIMITS.q} characters`)).toBeVisible();
    await expect(page.getByRole("table", { name: "People" }).locator("tbody tr")).toHaveCount(1); // the "no one matches" row

    await page.goto(`/?q=${"z".repeat(USERS_QUERY_LIMITS.q + 40)}`);
    await expect(page.getByLabel("Search people", { exact: true })).toHaveValue("z".repeat(USERS_QUERY_LIMITS.q));
    await expect(page.getByRole("table", { name: "People" }).locator("tbody tr")).toHaveCount(1);
  });
});

test.describe("Roster's own not-found page, buttons that look like what they are", () => {
  test("an unknown address shows Roster's 404 with the way back", async ({ page, consoleGuard }) => {
    consoleGuard.allow(/status of 404 .*\/no-such-page/);
    await signInPage(page, "viewer");
    const res = await page.goto("/no-such-page");
    expect(res?.status()).toBe(404);
    await expect(page).toHaveTitle(/Page not found/);
    await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
    await page.getByRole("link", { name: "Back to people" }).click();
    await expect(page.getByRole("table", { name: "People" })).toBeVisible();
  });

  test("a person address no key can hold offers the way back, not a pointless Try again", async ({ page, consoleGuard }) => {
    consoleGuard.allow(/status of 400 .*\/api\/people\//);
    await signInPage(page, "viewer");
    // Over the 512 characters a person key may have: the API answers 400, and asking again cannot help.
    await page.goto(`/people/${"x".repeat(600)}%40example.com`);
    const alert = page.getByRole("alert").filter({ hasText: "Could not load this person" });
    await expect(alert).toBeVisible();
    await expect(alert.getByRole("button", { name: "Try again" })).toHaveCount(0);
    await alert.getByRole("link", { name: "Back to Users" }).click();
    await expect(page.getByRole("table", { name: "People" })).toBeVisible();
  });

  test("an enabled ghost Revoke reads in the text colour, not the muted one of disabled buttons", async ({ page }) => {
    const look = (locator: ReturnType<typeof page.locator>) =>
      locator.evaluate((button) => ({
        color: getComputedStyle(button).color,
        text: getComputedStyle(document.body).color,
        opacity: getComputedStyle(button).opacity,
      }));
    await signInPage(page, "admin");
    await page.goto("/invites");
    const revoke = page
      .getByRole("table", { name: "Pending invites" })
      .getByRole("button", { name: /^Revoke the invite/ })
      .first();
    await expect(revoke).toBeVisible();
    await expect(revoke).not.toHaveAttribute("aria-disabled", "true");
    const enabled = await look(revoke);
    expect(enabled.color, "enabled Revoke in the body's text colour").toBe(enabled.text);
    expect(enabled.opacity).toBe("1");
  });

  test("the pending-invite count follows the provider filter", async ({ page }) => {
    await signInPage(page, "viewer");
    await page.goto("/invites");
    const section = page.getByRole("region", { name: "Pending invites on providers" });
    await expect(section.getByText(/invites? waiting to be accepted/)).toBeVisible();
    const all = Number((await section.getByText(/invites? waiting to be accepted/).textContent())!.replace(/\D+/g, ""));
    await section.getByLabel("Provider").selectOption("openai");
    await expect(section.getByText(/shown \(OpenAI\)/)).toBeVisible();
    const rows = await page.request.get("/api/invites");
    const { invites } = (await rows.json()) as { invites: Array<{ provider: string }> };
    const openai = invites.filter((i) => i.provider === "openai").length;
    expect(openai).toBeLessThan(all);
    await expect(section.getByText(new RegExp(`^${openai} invites? of ${all} shown \\(OpenAI\\)`))).toBeVisible();
  });
});
