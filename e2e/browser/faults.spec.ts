import { PROVIDER_IDS, PROVIDER_LABELS, type ProviderId } from "../../lib/providers/types";
import { E2E } from "../env";
import { FAULTS } from "../faults";
import { expect, sandbox, signInPage, test } from "./guard";

/**
 * The provider fault matrix on the users page: for each provider × fault, one page load
 * shows the other providers' people and an alert naming the failing provider with its
 * message; after the fault is gone, the alert's Retry brings the provider back.
 */

const PROVIDERS: readonly ProviderId[] = PROVIDER_IDS;

test.describe("users page with a failing provider", () => {
  // A hang costs three timed-out attempts per read, and the first page load of a fresh server is slow.
  test.describe.configure({ timeout: 120_000 });
  test.afterEach(async () => sandbox.clearFaults());

  for (const provider of PROVIDERS) {
    const label = PROVIDER_LABELS[provider];
    const others = PROVIDERS.filter((p) => p !== provider).map((p) => PROVIDER_LABELS[p]);

    for (const fault of FAULTS) {
      test(`${label}, ${fault.name}: the others still show, ${label}'s error is named, Retry recovers`, async ({ page }) => {
        await sandbox.fault(provider, { route: "*", ...fault.input(label) });
        await signInPage(page, "viewer");
        const sync = await page.request.post("/api/sync", { data: { provider }, headers: { origin: E2E.baseUrl } });
        expect(sync.status()).toBe(200);
        await page.goto("/");

        const alert = page.getByRole("alert").filter({ hasText: `${label}:` });
        // Generous: on a loaded machine the first page load may take a while.
        await expect(alert).toContainText(`${label}: ${fault.message(label)}`, { timeout: 30_000 });
        // The status is shown when it says something: not for a malformed 200 answer.
        if (fault.status && fault.status >= 300) await expect(alert).toContainText(`(HTTP ${fault.status})`);
        else await expect(alert).not.toContainText("(HTTP");
        const table = page.getByRole("table", { name: "People" });
        for (const other of others) await expect(table.getByText(other).first()).toBeVisible();
        await expect(page.getByText(/Traceback|at Object\.|TypeError/)).toHaveCount(0);
        if (provider === "astronomer" && fault.status === 500) {
          await page.screenshot({ path: "screenshots/users-provider-error.png", fullPage: true });
        }

        await sandbox.clearFaults(provider);
        // Retry right away: a refresh still under way from before the fault was cleared must
        // not decide the answer (a forced sync reads again when the one it joined failed).
        await alert.getByRole("button", { name: "Retry" }).click();
        await expect(page.getByRole("alert").filter({ hasText: `${label}:` })).toHaveCount(0, { timeout: 30_000 });
      });
    }
  }
});
