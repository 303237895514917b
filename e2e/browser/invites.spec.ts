import type { Browser, BrowserContext, Page } from "@playwright/test";
import type { UsersResponse } from "../../lib/directory/types";
import { E2E } from "../env";
import { expect, inFreshWorld, sandbox, signIn, test } from "./guard";

/** The Invites page in Chromium, with two operators in two browser contexts. */

const SHOTS = "screenshots";
let serial = 0;
const fresh = (tag: string) => `ui-${tag}-${Date.now()}-${++serial}@example.com`;

async function operatorPage(browser: Browser, role: "requester" | "admin"): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: E2E.baseUrl, viewport: { width: 1440, height: 900 } });
  await signIn(context.request, role);
  const page = await context.newPage();
  await page.goto("/invites");
  await expect(page.getByRole("heading", { name: "Requests", exact: true })).toBeVisible();
  return { context, page };
}

function requestCard(page: Page, email: string) {
  return page.getByRole("article").filter({ hasText: email });
}

/** Fills and submits the invite dialog with every provider checked. */
async function requestInvites(page: Page, emails: string, reason: string) {
  await page.getByRole("button", { name: "Invite people" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite people" });
  await dialog.getByLabel("Emails").fill(emails);
  for (const provider of ["OpenAI", "Astronomer", "Arthur"]) await dialog.getByRole("checkbox", { name: provider }).check();
  await dialog.getByLabel("Reason").fill(reason);
  return dialog;
}

test.describe("invites page", () => {
  // Two browser contexts, a sync and provider calls per test.
  test.describe.configure({ timeout: 90_000 });
  inFreshWorld(test, "each");

  test("requester asks for three emails on three providers; the admin approves; both see the results", async ({ browser }) => {
    const requester = await operatorPage(browser, "requester");
    const admin = await operatorPage(browser, "admin");
    const emails = [fresh("a"), fresh("b"), fresh("c")];

    // A pasted list with an entry that is not an email, and a duplicate.
    const dialog = await requestInvites(requester.page, `${emails.join("\n")}\nnot-an-email\n${emails[0].toUpperCase()}`, "New analysts");
    await expect(dialog.getByText("Not email addresses: not-an-email")).toBeVisible();
    await expect(dialog.getByText(`Given more than once, kept once: ${emails[0]}`)).toBeVisible();
    const submit = dialog.getByRole("button", { name: "Request invites" });
    await expect(submit).toHaveAttribute("aria-disabled", "true");
    await dialog.getByLabel("Emails").fill(emails.join(", "));
    await expect(dialog.getByTestId("invite-preview-summary")).toHaveText("9 invites to send, 0 skipped");
    await expect(dialog.getByRole("table", { name: "Invite preview" }).locator("tbody tr")).toHaveCount(3);
    await requester.page.screenshot({ path: `${SHOTS}/invite-dialog.png` });
    await submit.click();
    await expect(requester.page.getByText("Invite request sent for approval")).toBeVisible();
    await expect(dialog).toBeHidden();

    const mine = requestCard(requester.page, emails[0]);
    await expect(mine.getByText("Pending", { exact: true })).toBeVisible();
    await expect(mine.getByRole("button", { name: "Cancel request" })).toBeVisible();
    await expect(mine.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);

    // The admin sees it, approves it, and sees one result per email and provider.
    await admin.page.reload();
    const queued = requestCard(admin.page, emails[0]);
    await expect(queued.getByText("New analysts")).toBeVisible();
    await admin.page.screenshot({ path: `${SHOTS}/invites-pending.png`, fullPage: true });
    await queued.getByRole("button", { name: "Approve", exact: true }).click();
    const approve = admin.page.getByRole("dialog", { name: "Approve and send the invites?" });
    await approve.getByRole("button", { name: "Approve and send" }).click();
    // Answered at once; a job sends, and the card follows it until every invite is sent.
    await expect(
      admin.page.getByText("Approved: sending 9 invites in the background; the request shows each one as it goes"),
    ).toBeVisible();
    await expect(queued.getByText("Approved", { exact: true })).toBeVisible();
    await expect(queued.getByTestId("request-counts")).toHaveText("9 sent", { timeout: 20_000 });
    await queued.getByRole("button", { name: "Show results" }).click();
    const results = queued.getByRole("table", { name: "Results per email and provider" });
    await expect(results.locator("tbody tr")).toHaveCount(3);
    await expect(results.getByText("Sent", { exact: true })).toHaveCount(9);

    // Every pending invite on every provider: Arthur's come from Roster's ledger and cannot be revoked.
    const pending = admin.page.getByRole("table", { name: "Pending invites" });
    await admin.page.getByLabel("Search pending invites").fill(emails[0]);
    await expect(pending.locator("tbody tr")).toHaveCount(3);
    const arthurRow = pending.locator("tbody tr").filter({ hasText: "Arthur" });
    await expect(arthurRow.getByText("Sent by Roster")).toBeVisible();
    await expect(arthurRow.getByRole("button", { name: /Revoke/ })).toHaveAttribute("aria-disabled", "true");
    await expect(
      pending
        .locator("tbody tr")
        .filter({ hasText: "OpenAI" })
        .getByRole("button", { name: /Revoke/ }),
    ).not.toHaveAttribute("aria-disabled");
    await admin.page.getByLabel("Search pending invites").fill("");
    await admin.page.screenshot({ path: `${SHOTS}/invites-approved.png`, fullPage: true });

    // The requester sees the decision and the results too.
    await requester.page.reload();
    const decided = requestCard(requester.page, emails[0]);
    await expect(decided.getByText("Approved by admin@roster.demo")).toBeVisible();
    await decided.getByRole("button", { name: "Show results" }).click();
    await expect(decided.getByRole("table", { name: "Results per email and provider" }).getByText("Sent", { exact: true })).toHaveCount(9);
    await expect(decided.getByRole("button", { name: "Retry failed" })).toHaveCount(0);

    await requester.context.close();
    await admin.context.close();
  });

  test("a rejection with a reason; admins cannot decide their own request; the preview shows skips", async ({ browser }) => {
    const requester = await operatorPage(browser, "requester");
    const admin = await operatorPage(browser, "admin");
    const email = fresh("reject");
    await (await requestInvites(requester.page, email, "Contractor")).getByRole("button", { name: "Request invites" }).click();
    await expect(requester.page.getByText("Invite request sent for approval")).toBeVisible();

    await admin.page.reload();
    const card = requestCard(admin.page, email);
    await card.getByRole("button", { name: "Reject" }).click();
    const reject = admin.page.getByRole("alertdialog", { name: "Reject requester@roster.demo's request?" });
    const confirm = reject.getByRole("button", { name: "Reject request" });
    await expect(confirm).toHaveAttribute("aria-disabled", "true");
    await reject.getByLabel("Reason").fill("Not on the team");
    await confirm.click();
    await expect(card.getByText("Rejected", { exact: true })).toBeVisible();

    await requester.page.reload();
    const seen = requestCard(requester.page, email);
    await expect(seen.getByText("Rejected by admin@roster.demo")).toBeVisible();
    await expect(seen.getByText("Not on the team")).toBeVisible();
    await expect(seen.getByRole("button", { name: "Cancel request" })).toHaveCount(0);

    // The admin's own request: approve and reject are disabled, and say why.
    const users = (await (
      await admin.context.request.get("/api/users?provider=openai&status=active&kind=person&pageSize=5")
    ).json()) as UsersResponse;
    const member = users.people.find((p) => p.email)!.email!;
    const own = fresh("own");
    const dialog = await requestInvites(admin.page, `${own}\n${member}`, "Pairing");
    const memberRow = dialog.getByRole("table", { name: "Invite preview" }).locator("tbody tr").filter({ hasText: member });
    await expect(memberRow.getByText("Skip: already a member").first()).toBeVisible();
    await admin.page.screenshot({ path: `${SHOTS}/invite-dialog-skips.png` });
    await dialog.getByRole("button", { name: "Request invites" }).click();
    const ownCard = requestCard(admin.page, own);
    const approve = ownCard.getByRole("button", { name: "Approve", exact: true });
    await expect(approve).toHaveAttribute("aria-disabled", "true");
    await approve.hover();
    await expect(admin.page.getByRole("tooltip")).toContainText("another admin must decide");
    await ownCard.getByRole("button", { name: "Cancel request" }).click();
    await admin.page.getByRole("alertdialog").getByRole("button", { name: "Cancel request" }).click();
    await expect(ownCard.getByText("Cancelled", { exact: true })).toBeVisible();
    await admin.page.screenshot({ path: `${SHOTS}/invites-decisions.png`, fullPage: true });

    await requester.context.close();
    await admin.context.close();
  });

  test("a failed send shows the provider's message; the admin retries only the failed one (dark mode)", async ({ browser, as }) => {
    const requester = await as("requester");
    const email = fresh("retry");
    const created = await requester.post("/api/invite-requests", {
      data: {
        emails: [email],
        providers: [
          { provider: "openai", role: "reader" },
          { provider: "arthur", role: "Organization Member" },
        ],
        reason: "Retry me",
      },
    });
    expect(created.status(), await created.text()).toBe(200);
    await sandbox.fault("openai", { method: "POST", route: "/organization/invites", status: 400, message: "Seat limit reached", times: 1 });

    const admin = await operatorPage(browser, "admin");
    await admin.page.emulateMedia({ colorScheme: "dark" });
    const card = requestCard(admin.page, email);
    await card.getByRole("button", { name: "Approve", exact: true }).click();
    await admin.page.getByRole("dialog").getByRole("button", { name: "Approve and send" }).click();
    await expect(card.getByTestId("request-counts")).toHaveText("1 sent · 1 failed", { timeout: 20_000 });
    await card.getByRole("button", { name: "Show results" }).click();
    const results = card.getByRole("table", { name: "Results per email and provider" });
    await expect(results.locator('td[data-provider="openai"]')).toContainText("Seat limit reached");
    await admin.page.screenshot({ path: `${SHOTS}/invites-failed-dark.png`, fullPage: true });

    await card.getByRole("button", { name: "Retry failed" }).click();
    await expect(card.getByTestId("request-counts")).toHaveText("2 sent");
    await expect(results.getByText("Sent", { exact: true })).toHaveCount(2);
    await expect(card.getByRole("button", { name: "Retry failed" })).toHaveCount(0);
    await admin.context.close();
  });

  test("an admin revokes a pending provider invite after confirming", async ({ browser }) => {
    const admin = await operatorPage(browser, "admin");
    const pending = admin.page.getByRole("table", { name: "Pending invites" });
    await admin.page.getByRole("combobox", { name: "Provider" }).selectOption("openai");
    const row = pending.locator("tbody tr").first();
    await expect(row).toContainText("OpenAI");
    const email = (await row.locator("td").nth(1).innerText()).trim();
    await row.getByRole("button", { name: /Revoke/ }).click();
    const confirm = admin.page.getByRole("alertdialog", { name: `Revoke the invite for ${email} to OpenAI?` });
    await confirm.getByRole("button", { name: "Revoke invite" }).click();
    await expect(admin.page.getByText(`Revoked the invite for ${email} to OpenAI`)).toBeVisible();
    await expect(pending.getByText(email, { exact: true })).toHaveCount(0);
    await admin.context.close();
  });

  test("a viewer reads both lists but cannot ask for invites, and is told why", async ({ page }) => {
    await signIn(page.context().request, "viewer");
    await page.goto("/invites");
    // Loaded (and hydrated) before hovering.
    await expect(page.getByRole("table", { name: "Pending invites" }).locator("tbody tr").first()).toBeVisible();
    const invite = page.getByRole("button", { name: "Invite people" });
    await expect(invite).toHaveAttribute("aria-disabled", "true");
    await expect(async () => {
      await page.mouse.move(0, 0);
      await invite.hover();
      await expect(page.getByRole("tooltip")).toContainText("Needs the requester role", { timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);
  });
});
