import type { Page } from "@playwright/test";
import type { Person } from "../../lib/directory/types";
import { createRequest, freshEmail, approve, peopleOn, plainRoles } from "../api/invite-helpers";
import { people, throughApproval } from "../api/member-helpers";
import { newOperator } from "../api/operator-helpers";
import { apiAs, expect, signInPage, test } from "./guard";

/**
 * The audit page reads as sentences: every kind of change the demo makes (a role change,
 * remove everywhere with its steps, an invite request with a sent and a skipped invite,
 * a service account with its role, an operator disabled, a refused request, sign-ins)
 * shows what changed, on whom and where, never raw JSON, and fits 1440×900 and 390×844.
 */

const SHOTS = "screenshots";
const run = Date.now().toString(36);

async function makeOneOfEach() {
  const [admin, owner, viewer] = [await apiAs("admin"), await apiAs("owner"), await apiAs("viewer")];
  const ordinary = (await people(admin, "status=active&kind=person")).people.filter(
    (p: Person) =>
      p.memberships.length === 3 && p.memberships.every((m) => m.status === "active" && !m.managed && !/owner|admin/i.test(m.role)),
  );
  const [changed, leaver] = ordinary;
  const openai = changed.memberships.find((m) => m.provider === "openai")!;
  // Owner is admin-level: the admin asks, the owner approves (the two-person rule).
  await throughApproval(await admin.patch(`/api/members/openai/${openai.id}`, { data: { role: "owner" } }), owner);
  expect((await admin.post(`/api/people/${encodeURIComponent(leaver.email!)}/offboard`, { data: {} })).status()).toBe(200);

  const roles = await plainRoles(admin);
  const member = (await peopleOn(admin, "openai", "active"))[5];
  const request = await createRequest(await apiAs("requester"), [freshEmail(`audit-${run}`), member], { openai: roles.openai });
  await approve(admin, request.request.id);

  await throughApproval(
    await admin.post("/api/service-accounts", { data: { name: `audit-bot-${run}`, role: "Organization Member" } }),
    owner,
  );
  const op = await newOperator(owner, "admin");
  expect((await owner.patch(`/api/operators/${op.id}`, { data: { disabled: true } })).status()).toBe(200);
  expect((await viewer.patch(`/api/members/openai/${openai.id}`, { data: { role: "reader" } })).status()).toBe(403);
  return { leaver, member, op };
}

async function noOverflow(page: Page) {
  const width = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  expect(width.doc, "the page does not scroll sideways").toBeLessThanOrEqual(width.view);
}

test.describe("audit page", () => {
  test("every kind of change reads as a sentence, grouped changes show their steps, at 1440×900 and 390×844", async ({ page }) => {
    test.setTimeout(180_000);
    await signInPage(page, "admin");
    const { leaver, member, op } = await makeOneOfEach();

    await page.goto("/audit?pageSize=100");
    const table = page.getByRole("table", { name: "Audit log" });
    await expect(table.getByTestId("audit-description").first()).toBeVisible({ timeout: 60_000 });
    const sentences = await table.getByTestId("audit-description").allTextContents();
    expect(sentences.length).toBeGreaterThan(8);
    for (const sentence of sentences) {
      expect(sentence, "a sentence, not JSON").toMatch(/^[A-Z]/);
      expect(sentence).not.toMatch(/[{}]|"role"|\[object|undefined/);
    }
    const expected = [
      /^Change the role of .+ on OpenAI from Reader to Owner$/,
      new RegExp(`^Remove ${leaver.email!.replace(/[.+]/g, "\\$&")} from .+: 3 of 3 steps done$`),
      /^Ask to invite .+ to OpenAI as Reader$/,
      /^Approve the invite request of requester@roster\.demo/,
      new RegExp(`^Invite ${member.replace(/[.+]/g, "\\$&")} to OpenAI as Reader$`),
      new RegExp(`^Create service account "audit-bot-${run}" on Arthur with role Organization Member$`),
      new RegExp(`^Add ${op.email.replace(/[.+]/g, "\\$&")} as a Roster Admin$`),
      new RegExp(`^Disable operator ${op.email.replace(/[.+]/g, "\\$&")}$`),
      /^Refuse PATCH \/api\/members\/openai\/.+ \(403 forbidden\)$/,
      /^Sign in to Roster as .+ with a password/,
    ];
    for (const pattern of expected)
      expect(
        sentences.some((s) => pattern.test(s)),
        String(pattern),
      ).toBe(true);

    // A correct skip is labelled as one.
    const skipped = table
      .locator("tbody tr")
      .filter({ hasText: `Invite ${member} to OpenAI` })
      .first();
    await expect(skipped.locator("[data-outcome]")).toHaveText("Skipped");

    // Remove everywhere is one row; its steps open under it.
    // Newest first: this run's entry (a data directory reused across runs may hold older ones).
    const group = table
      .locator("tbody tr")
      .filter({ hasText: `Remove ${leaver.email} from` })
      .first();
    const summary = group.getByTestId("audit-steps").locator("summary");
    await expect(summary).toHaveText("3 steps");
    await summary.click();
    await expect(group.getByTestId("audit-step")).toHaveCount(3);
    await expect(group.getByTestId("audit-step").first()).toContainText(`Remove ${leaver.email} from`);
    await noOverflow(page);
    await page.screenshot({ path: `${SHOTS}/audit-sentences.png`, fullPage: true });

    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/audit-sentences-dark.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });

    // The filter "Remove everywhere" finds it.
    await page.getByLabel("Action", { exact: true }).selectOption("offboard");
    await expect(page).toHaveURL(/action=offboard/);
    await expect(
      table
        .locator("tbody tr")
        .filter({ hasText: `Remove ${leaver.email} from` })
        .first(),
    ).toBeVisible();
    await expect(table.locator("tbody tr").filter({ hasText: /^(?!.*Remove everywhere)/ })).toHaveCount(0);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/audit?pageSize=100");
    await expect(table.getByTestId("audit-description").first()).toBeVisible();
    await noOverflow(page);
    await page.screenshot({ path: `${SHOTS}/audit-sentences-phone.png`, fullPage: true });
  });
});
