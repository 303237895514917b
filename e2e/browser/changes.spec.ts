import fs from "node:fs";
import type { Page } from "@playwright/test";
import type { RolesResponse } from "../../lib/changes/types";
import type { Person, UsersResponse } from "../../lib/directory/types";
import { PROVIDER_IDS, PROVIDER_LABELS } from "../../lib/providers/types";
import { E2E } from "../env";
import { apiAs, expect, sandbox, signInPage, test } from "./guard";
import { roleLabel } from "../../lib/providers/role-label";

/** Member changes in Chromium, as an admin would make them. */

const SHOTS = "screenshots";
const LABEL = PROVIDER_LABELS;

async function api<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return res.json() as Promise<T>;
}

/** Someone active on all three providers, owner of none, managed by no IdP. */
async function personOnAllThree(page: Page, skip = 0): Promise<Person> {
  const { people } = await api<UsersResponse>(page, "/api/users?status=active&kind=person&pageSize=200");
  const found = people.filter(
    (p) => p.memberships.length === 3 && p.memberships.every((m) => m.status === "active" && !m.managed && !/owner|admin/i.test(m.role)),
  )[skip];
  expect(found, "a person on all three providers").toBeTruthy();
  return found;
}

function row(page: Page, person: Person) {
  return page.getByRole("table", { name: "People" }).locator("tbody tr").filter({ hasText: person.email! });
}

async function openRowMenu(page: Page, person: Person) {
  await row(page, person)
    .getByRole("button", { name: `Actions for ${person.name}` })
    .click();
}

test.describe("member changes in the browser", () => {
  test.beforeEach(async ({ page }) => {
    await sandbox.reset();
    await signInPage(page, "admin");
    await page.request.post("/api/sync", { data: {}, headers: { origin: E2E.baseUrl } });
  });
  test.afterAll(async () => {
    await sandbox.reset();
  });

  test("change a role on each provider from the row menu (an admin-level one becomes a request); it holds after a reload", async ({
    page,
  }) => {
    const person = await personOnAllThree(page);
    const { providers } = await api<RolesResponse>(page, "/api/roles");
    await page.goto(`/?q=${encodeURIComponent(person.email!)}`);
    await expect(row(page, person)).toHaveCount(1);
    const chosen: Record<string, string> = {};
    for (const provider of PROVIDER_IDS) {
      const current = person.memberships.find((m) => m.provider === provider)!.role;
      // A role an admin grants alone where the provider has one; OpenAI's only other role (owner) waits for a second admin.
      const others = providers.find((p) => p.id === provider)!.roles.filter((r) => r.scope === "organization" && r.name !== current);
      const target = others.find((r) => !r.adminLevel) ?? others[0];
      await openRowMenu(page, person);
      await page.getByRole("menuitem", { name: `Change role on ${LABEL[provider]}` }).click();
      await page
        .getByRole("menuitemradio", { name: roleLabel(target.name), exact: true })
        .first()
        .press("Enter");
      const dialog = page.getByRole("dialog");
      await expect(dialog).toContainText(LABEL[provider]);
      await expect(dialog).toContainText(person.name);
      if (provider === "openai") await page.screenshot({ path: `${SHOTS}/change-role-dialog.png` });
      if (target.adminLevel) {
        await dialog.getByRole("button", { name: "Request approval" }).click();
        await expect(dialog).toBeHidden();
        await expect(page.getByText(`Approval requested: ${person.name} as ${roleLabel(target.name)}`).last()).toBeVisible();
        await expect(row(page, person)).toContainText(roleLabel(current));
        chosen[provider] = current;
        continue;
      }
      chosen[provider] = target.name;
      await dialog.getByRole("button", { name: "Change role" }).click();
      await expect(dialog).toBeHidden();
      await expect(row(page, person)).toContainText(roleLabel(target.name));
    }
    await page.reload();
    for (const role of Object.values(chosen)) await expect(row(page, person)).toContainText(roleLabel(role));
  });

  test("remove a member from one provider", async ({ page }) => {
    const person = await personOnAllThree(page, 1);
    await page.goto(`/?q=${encodeURIComponent(person.email!)}`);
    await openRowMenu(page, person);
    await page.getByRole("menuitem", { name: "Remove from Arthur" }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText(`Remove ${person.name} from Arthur?`);
    await dialog.getByRole("button", { name: "Remove", exact: true }).click();
    await expect(dialog).toBeHidden();
    await page.reload();
    await expect(row(page, person)).toContainText("OpenAI");
    await expect(row(page, person)).not.toContainText("Arthur");
  });

  test("offboard a person from all three providers with one failing, then retry only that step", async ({ page }) => {
    const person = await personOnAllThree(page, 2);
    await sandbox.fault("astronomer", { method: "DELETE", route: "*", status: 503, message: "Astro is busy" });
    await page.goto(`/people/${encodeURIComponent(person.email!)}`);
    await expect(page.getByRole("table", { name: "Memberships" })).toContainText("Astronomer");
    await page.getByRole("button", { name: "Remove everywhere" }).click();
    const dialog = page.getByRole("alertdialog");
    for (const provider of ["OpenAI", "Astronomer", "Arthur"]) await expect(dialog).toContainText(`Remove from ${provider}`);
    const confirm = dialog.getByRole("button", { name: "Remove everywhere" });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(`Type ${person.email} to confirm`).fill(person.email!);
    await page.screenshot({ path: `${SHOTS}/offboard-preview.png` });
    await confirm.click();
    await expect(dialog).toContainText("Astro is busy");
    await page.screenshot({ path: `${SHOTS}/offboard-partial.png` });

    await sandbox.clearFaults("astronomer");
    await dialog.getByRole("button", { name: "Retry failed" }).click();
    await expect(dialog).not.toContainText("Astro is busy");
    await expect(dialog.getByRole("button", { name: "Retry failed" })).toHaveCount(0);
    const after = await api<UsersResponse>(page, `/api/users?q=${encodeURIComponent(person.email!)}`);
    expect(after.total).toBe(0);
  });

  test("bulk-remove three people from OpenAI", async ({ page }) => {
    const query = "provider=openai&role=reader&status=active&kind=person&sort=email";
    const { people } = await api<UsersResponse>(page, `/api/users?${query}&pageSize=3`);
    const chosen = people.filter((p) => !p.memberships.some((m) => m.managed)).slice(0, 3);
    await page.goto(`/?${query}`);
    for (const person of chosen)
      await row(page, person)
        .getByRole("checkbox", { name: `Select ${person.name}` })
        .check();
    const emails = chosen.map((p) => p.email!);
    await expect(page.getByRole("status").filter({ hasText: "3 selected" })).toBeVisible();
    await page.getByRole("button", { name: "Remove from…" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByRole("checkbox", { name: "OpenAI" }).check();
    await dialog.getByRole("button", { name: "Remove", exact: true }).click();
    const results = dialog.getByRole("list", { name: "Results" });
    await expect(results.locator('[data-outcome="ok"]')).toHaveCount(3);
    await page.screenshot({ path: `${SHOTS}/bulk-remove-results.png` });
    await dialog.getByRole("button", { name: "Done" }).click();
    for (const email of emails) {
      const res = await api<UsersResponse>(page, `/api/users?q=${encodeURIComponent(email)}`);
      expect(res.people[0]?.memberships.some((m) => m.provider === "openai") ?? false, email).toBe(false);
    }
  });

  test("revoke a pending OpenAI invite", async ({ page }) => {
    const { people } = await api<UsersResponse>(page, "/api/users?provider=openai&status=invited&pageSize=5");
    const invited = people[0];
    await page.goto(`/?q=${encodeURIComponent(invited.email!)}`);
    await openRowMenu(page, invited);
    await page.getByRole("menuitem", { name: "Revoke invite on OpenAI" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByRole("button", { name: "Revoke invite" }).click();
    await expect(dialog).toBeHidden();
    // Invited on OpenAI only (the directory lists an invite only for non-members): no OpenAI badge left.
    await expect(row(page, invited)).not.toContainText("OpenAI");
    const res = await api<UsersResponse>(page, `/api/users?provider=openai&status=invited&q=${encodeURIComponent(invited.email!)}`);
    expect(res.total).toBe(0);
  });

  test("edit a person's name on Arthur from the person page", async ({ page }) => {
    const person = await personOnAllThree(page, 3);
    const arthur = person.memberships.find((m) => m.provider === "arthur")!;
    await page.goto(`/people/${encodeURIComponent(person.email!)}`);
    await page.getByRole("button", { name: "Edit name on Arthur" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("First name").fill("Renamed");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
    const res = await fetch(`${E2E.sandbox.arthur}/api/v1/organization/users?user_ids=${arthur.id}`, {
      headers: { authorization: "Bearer sandbox" },
    });
    const body = (await res.json()) as { records: Array<{ first_name: string }> };
    expect(body.records[0].first_name).toBe("Renamed");
  });

  test("filter the audit page and download the CSV", async ({ page }) => {
    const person = await personOnAllThree(page);
    const openai = person.memberships.find((m) => m.provider === "openai")!;
    // Owner is admin-level: the admin asks, the owner approves (the two-person rule).
    const asked = await page.request.patch(`/api/members/openai/${openai.id}`, {
      data: { role: "owner" },
      headers: { origin: E2E.baseUrl },
    });
    expect(asked.status()).toBe(202);
    const owner = await apiAs("owner");
    const { request } = (await asked.json()) as { request: { id: string } };
    expect((await owner.post(`/api/invite-requests/${request.id}/approve`, { data: {} })).status()).toBe(200);
    await owner.dispose();

    await page.goto("/audit");
    const table = page.getByRole("table", { name: "Audit log" });
    await expect(table.locator("tbody tr").first()).toBeVisible();
    await page.getByLabel("Provider", { exact: true }).selectOption("openai");
    await page.getByLabel("Outcome", { exact: true }).selectOption("success");
    await expect(page).toHaveURL(/provider=openai/);
    await expect(page).toHaveURL(/outcome=success/);
    await expect(table).toContainText(person.email!);
    const rows = table.locator("tbody tr");
    const count = await rows.count();
    for (let i = 0; i < count; i++) await expect(rows.nth(i)).toContainText(/success/i);
    await page.screenshot({ path: `${SHOTS}/audit.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^roster-audit-.*\.csv$/);
    const csv = fs
      .readFileSync((await download.path())!, "utf8")
      .trim()
      .split("\r\n");
    expect(csv[0]).toMatch(/^id,parent_id,time,operator,roster_role,action,description,provider/);
    expect(csv.length).toBeGreaterThan(1);
    // Entries of their own (no parent, a provider) are OpenAI's; a grouped one matched by an OpenAI step is left aside.
    // A grouped entry (remove everywhere, an approved mass change, an access review's run) has no provider of its own.
    const cells = (line: string) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]);
    const own = csv.slice(1).filter((line) => /^\d+,,/.test(line) && cells(line)[7] !== "");
    expect(own.every((line) => line.includes(",openai,") && line.includes(",success,"))).toBe(true);
    expect(csv.some((line) => line.includes(person.email!))).toBe(true);
  });
});
