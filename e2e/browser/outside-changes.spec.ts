import type { OutsideChangesResponse } from "../../lib/governance/outside-types";
import type { UsersResponse } from "../../lib/directory/types";
import { E2E } from "../env";
import { apiAs, inFreshWorld } from "../fixtures";
import { expect, signInPage, test } from "./guard";

const SHOTS = "screenshots";

/** The "Changed outside Roster" list, the person's badge and their one timeline, after a change made in OpenAI's dashboard. */
test.describe("changes made outside Roster", () => {
  inFreshWorld(test, "all");

  test("the list shows a dashboard change; the person carries the badge and the change on their timeline", async ({ page }) => {
    test.setTimeout(180_000);
    const viewer = await apiAs("viewer");
    const users = (await (await viewer.get("/api/users?provider=openai&kind=person&status=active&pageSize=200")).json()) as UsersResponse;
    const readers = users.people.filter((p) => p.email && p.memberships.length === 1 && p.memberships[0].role === "reader");
    const [person, unchanged] = [readers[11], readers[12]];
    const memberId = person.memberships[0].id;
    const made = await fetch(`${E2E.sandbox.openai}/__sandbox/openai/outside-change`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ action: "role", userId: memberId, role: "owner" }),
    });
    expect(made.status).toBe(200);
    expect((await viewer.post("/api/sync", { data: { provider: "openai" } })).status()).toBe(200);
    await expect
      .poll(
        async () =>
          ((await (await viewer.get("/api/outside-changes?pageSize=200")).json()) as OutsideChangesResponse).changes.some(
            (c) => c.targetId === memberId,
          ),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    await viewer.dispose();

    await signInPage(page, "viewer");
    await page.goto("/audit");
    await page.getByRole("link", { name: "Changed outside Roster" }).click();
    await expect(page).toHaveURL(/\/audit\/outside$/);
    await expect(page.getByRole("heading", { name: "Changed outside Roster" })).toBeVisible();
    const list = page.getByRole("list", { name: "Changes made outside Roster" });
    const row = list.getByTestId("outside-change").filter({ hasText: person.email! });
    await expect(row).toContainText("Role set to owner");
    await expect(row).toContainText(/by \S+@\S+ in the OpenAI console/);
    // The seeded dashboard changes are listed too (a removal, an invite).
    await expect(list.getByTestId("outside-change").filter({ hasText: "Removed from the organization" })).toHaveCount(1);
    // Filtering by a provider without an audit log: the empty state.
    await page.getByLabel("Provider").selectOption("arthur");
    await expect(page.getByText("Nothing changed outside Roster")).toBeVisible();
    await page.getByLabel("Provider").selectOption("");
    await expect(row).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/outside-changes.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/outside-changes-dark.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/outside-changes-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });

    // The person: the badge, and one timeline with the provider's entry.
    await row.getByRole("link", { name: person.email! }).click();
    await expect(page.getByRole("heading", { level: 2, name: person.name || person.email! })).toBeVisible();
    await expect(page.locator("header").getByTestId("outside-badge")).toBeVisible();
    const timeline = page.getByRole("list", { name: "Timeline" });
    const entry = timeline.locator('[data-source="provider"]').first();
    await expect(entry).toContainText("Role set to owner");
    await expect(entry).toContainText("in the OpenAI console");
    await page.screenshot({ path: `${SHOTS}/outside-timeline.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/outside-timeline-dark.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/outside-timeline-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });

    // The users table marks them; someone with no outside change carries no mark.
    await page.goto(`/?q=${encodeURIComponent(person.email!)}`);
    const people = page.getByRole("table", { name: "People" });
    await expect(people.locator("tbody tr").filter({ hasText: person.email! }).getByTestId("outside-mark")).toBeVisible();
    await page.goto(`/?q=${encodeURIComponent(unchanged.email!)}`);
    await expect(people.locator("tbody tr").filter({ hasText: unchanged.email! })).toBeVisible();
    await expect(people.getByTestId("outside-mark")).toHaveCount(0);
  });
});
