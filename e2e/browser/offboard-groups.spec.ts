import type { UsersResponse } from "../../lib/directory/types";
import { expect, signInPage, test } from "./guard";

/** "Remove everywhere" names the group and team memberships behind a person's grants (issue 15). */

const SHOTS = "screenshots";

test("the offboard preview names the group a grant comes through, and what it grants", async ({ page }) => {
  await signInPage(page, "admin");
  const users = (await (await page.request.get("/api/users?via=group&provider=arthur&pageSize=200")).json()) as UsersResponse;
  const person = users.people.find((p) => p.email && p.memberships.some((m) => m.scopedRoles?.some((s) => s.via?.name === "data-team")));
  expect(person, "the sandbox seeds a data-team member").toBeTruthy();

  await page.goto(`/people/${encodeURIComponent(person!.email!)}`);
  await expect(page.getByRole("table", { name: "Memberships" })).toContainText("Arthur");
  await page.getByRole("button", { name: "Remove everywhere" }).click();
  const dialog = page.getByRole("alertdialog");
  const arthur = dialog.getByRole("list", { name: "Group and team memberships on Arthur" });
  await expect(arthur).toContainText('Also through group "data-team" (Organization Admin): that membership ends with this removal');
  await page.screenshot({ path: `${SHOTS}/offboard-groups.png` });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}/offboard-groups-dark.png` });
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/offboard-groups-mobile.png` });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
});
