import type { InviteRequestsResponse } from "../../lib/invites/types";
import { E2E } from "../env";
import { expect, inFreshWorld, signIn, test } from "./guard";

/** The invite dialog's OpenAI projects (issue 15): chosen one by one with a project role; none chosen, none joined. */

const SHOTS = "screenshots";

test.describe("inviting with OpenAI projects", () => {
  // A fresh world (sandboxes reset, a sync) and three screenshots per run.
  test.describe.configure({ timeout: 180_000 });
  inFreshWorld(test, "each");

  test("the requester picks projects and a role in each; the request names them", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: E2E.baseUrl, viewport: { width: 1440, height: 900 } });
    await signIn(context.request, "requester");
    const page = await context.newPage();
    await page.goto("/invites");
    await page.getByRole("button", { name: "Invite people" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite people" });
    const email = `ui-projects-${Date.now()}@example.com`;
    await dialog.getByLabel("Emails").fill(email);

    // Projects are offered only once OpenAI is ticked, and none is ticked: not even Default.
    await expect(dialog.getByRole("checkbox", { name: "Research" })).toHaveCount(0);
    await dialog.getByRole("checkbox", { name: "OpenAI" }).check();
    const projects = dialog.getByRole("group", { name: /Projects they join on accepting/ });
    await expect(projects).toContainText("none: not even the Default project");
    await expect(projects.getByRole("checkbox", { name: "Default project" })).not.toBeChecked();
    await expect(projects.getByLabel("Project role in Research")).toBeDisabled();

    await projects.getByRole("checkbox", { name: "Research" }).check();
    await projects.getByLabel("Project role in Research").selectOption("owner");
    await projects.getByRole("checkbox", { name: "Support assistant" }).check();
    await expect(projects).toContainText("2 chosen");
    await dialog.getByLabel("Reason").fill("Leads research");
    await expect(dialog.getByRole("table", { name: "Invite preview" }).locator("tbody tr")).toHaveCount(1);

    await page.screenshot({ path: `${SHOTS}/invite-projects.png` });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.screenshot({ path: `${SHOTS}/invite-projects-dark.png` });
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/invite-projects-mobile.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });

    await dialog.getByRole("button", { name: "Request invites" }).click();
    await expect(dialog).toHaveCount(0);
    const card = page.getByRole("article").filter({ hasText: email });
    await expect(card.getByRole("list", { name: "Providers and roles" })).toContainText("Research (Owner)");
    await expect(card.getByRole("list", { name: "Providers and roles" })).toContainText("Support assistant (Member)");

    const list = (await (await context.request.get("/api/invite-requests?mine=true")).json()) as InviteRequestsResponse;
    expect(list.requests.find((r) => r.emails.includes(email))?.providers).toEqual([
      {
        provider: "openai",
        role: "reader",
        projects: [
          { id: "proj_research", role: "owner", name: "Research" },
          { id: "proj_support", role: "member", name: "Support assistant" },
        ],
      },
    ]);
    await context.close();
  });
});
