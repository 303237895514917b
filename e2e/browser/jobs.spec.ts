import type { BulkRunView } from "../../lib/jobs/bulk-types";
import type { UsersResponse } from "../../lib/directory/types";
import { E2E } from "../env";
import { expect, signInPage, test } from "./guard";

/** The Jobs page (owners): recent bulk runs with their progress and failures, retry of the failed items, and the engine's jobs. */

const SHOTS = "screenshots";

test("an owner follows a bulk run on the Jobs page and retries its failed item; an admin is told the page is for owners", async ({
  page,
}) => {
  await signInPage(page, "owner");
  const users = (await (
    await page.request.get("/api/users?provider=openai&status=active&kind=person&pageSize=50")
  ).json()) as UsersResponse;
  const member = users.people
    .flatMap((p) => p.memberships)
    .find((m) => m.provider === "openai" && m.status === "active" && !m.managed && !/owner/i.test(m.role));
  expect(member, "an OpenAI member to give their own role again").toBeTruthy();
  const items = [
    { kind: "change_role", provider: "openai", memberId: member!.id, role: member!.role },
    // No such member: fails with the provider's reason; its retry fails again.
    { kind: "remove_member", provider: "openai", memberId: "user-no-such-member-jobs" },
  ];
  const started = await page.request.post("/api/bulk", { data: { items }, headers: { origin: E2E.baseUrl } });
  expect(started.status(), await started.text()).toBe(202);
  const { run } = (await started.json()) as { run: BulkRunView };

  await page.goto("/jobs");
  await expect(page.getByRole("link", { name: "Jobs" })).toHaveAttribute("aria-current", "page");
  const runs = page.getByRole("list", { name: "Bulk runs" });
  const ours = runs.getByRole("listitem").first();
  await expect(ours).toContainText("2 changes by owner@roster.demo");
  await expect(ours.getByText("Some failed")).toBeVisible({ timeout: 20_000 });
  await expect(ours).toContainText("1 failed");
  await expect(ours.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "2");
  // The engine's own jobs are listed too: the scheduled syncs wait for their time.
  await expect(page.getByRole("list", { name: "Engine jobs" }).getByText("Scheduled sync").first()).toBeVisible();

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${SHOTS}/jobs.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}/jobs-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/jobs-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });

  // Keyboard: the retry button is reached and pressed without a mouse.
  const retry = ours.getByRole("button", { name: "Retry failed" });
  await retry.focus();
  await page.keyboard.press("Enter");
  await expect
    .poll(async () => ((await (await page.request.get(`/api/bulk/${run.id}`)).json()) as { run: BulkRunView }).run.items[1].attempts, {
      timeout: 20_000,
    })
    .toBe(2);
  await expect(ours.getByText("Some failed")).toBeVisible({ timeout: 20_000 });

  await signInPage(page, "admin");
  await page.goto("/jobs");
  await expect(page.getByText("Only owners see Roster's background jobs.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Jobs" })).toHaveCount(0);
});
