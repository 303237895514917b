import type { Locator, Page } from "@playwright/test";
import type { Person, UsersResponse } from "../../lib/directory/types";
import { expect, signInPage, test } from "./guard";

/**
 * Issue 13, items 2 and 11: every page fits the window on a desktop (1440×900) and on a phone
 * (390×844). Nothing widens the page; on the desktop no table needs scrolling sideways, and
 * a row's menu opens inside the window without moving the table; on the phone a table scrolls
 * inside its own box, and every dialog's buttons are inside the window.
 */

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** Someone active on all three providers (polled: a fresh server lists the first provider before the others). */
async function samplePerson(page: Page): Promise<Person> {
  let person: Person | undefined;
  await expect
    .poll(
      async () => {
        const res = await page.request.get("/api/users?status=active&kind=person&pageSize=200");
        const { people } = (await res.json()) as UsersResponse;
        person = people.find(
          (p) => p.memberships.length === 3 && p.memberships.every((m) => m.status === "active" && !/owner|admin/i.test(m.role)),
        );
        return Boolean(person);
      },
      { message: "a person on all three providers", timeout: 30_000 },
    )
    .toBe(true);
  return person!;
}

/** The pages an owner sees, each with something that says it has rendered its content. */
function pages(person: Person): Array<{ path: string; ready: (page: Page) => Locator }> {
  return [
    { path: "/", ready: (page) => page.getByRole("table", { name: "People" }).locator("tbody tr").nth(5) },
    {
      path: `/people/${encodeURIComponent(person.email!)}`,
      ready: (page) => page.getByRole("table", { name: "Memberships" }).locator("tbody tr").nth(2),
    },
    { path: "/invites", ready: (page) => page.getByRole("table", { name: "Pending invites" }).locator("tbody tr").first() },
    { path: "/audit", ready: (page) => page.getByRole("table", { name: "Audit log" }).locator("tbody tr").first() },
    { path: "/connections", ready: (page) => page.getByRole("heading", { name: "Arthur" }).first() },
    {
      path: "/service-accounts",
      ready: (page) => page.getByRole("table", { name: "Arthur service accounts" }).locator("tbody tr").first(),
    },
    { path: "/settings", ready: (page) => page.getByRole("table", { name: "Roster operators" }).locator("tbody tr").first() },
    { path: "/jobs", ready: (page) => page.getByRole("heading", { name: "Engine jobs" }) },
    { path: "/account/password", ready: (page) => page.getByLabel("Current password") },
    { path: "/no-such-page", ready: (page) => page.getByRole("heading", { name: "This page does not exist" }) },
  ];
}

interface Overflow {
  pageWidth: number;
  /** Boxes that scroll sideways (a table's own box), with how far their content reaches past them. */
  scrollers: Array<{ what: string; scrollWidth: number; clientWidth: number; right: number }>;
}

async function measure(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const scrollers: Overflow["scrollers"] = [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>("main *"))) {
      if (element.scrollWidth <= element.clientWidth + 1) continue;
      const style = getComputedStyle(element);
      if (style.overflowX !== "auto" && style.overflowX !== "scroll") continue;
      const label = element.querySelector("table")?.getAttribute("aria-label") ?? element.className.slice(0, 60);
      scrollers.push({
        what: label,
        scrollWidth: element.scrollWidth,
        clientWidth: element.clientWidth,
        right: element.getBoundingClientRect().right,
      });
    }
    return { pageWidth: document.documentElement.scrollWidth, scrollers };
  });
}

async function expectInside(locator: Locator, viewport: { width: number; height: number }, what: string) {
  await expect(locator, what).toBeVisible();
  const box = (await locator.boundingBox())!;
  expect(box.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what}: right edge`).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height, `${what}: bottom edge`).toBeLessThanOrEqual(viewport.height);
}

test.describe("layout at 1440×900", () => {
  test.use({ viewport: DESKTOP });

  test("no page is wider than the window, and no table scrolls sideways", async ({ page, consoleGuard }) => {
    test.setTimeout(120_000);
    consoleGuard.allow(/status of 404 .*no-such-page/);
    await signInPage(page, "owner");
    const person = await samplePerson(page);
    for (const { path, ready } of pages(person)) {
      await page.goto(path);
      await expect(ready(page)).toBeVisible();
      const { pageWidth, scrollers } = await measure(page);
      expect(pageWidth, `${path}: page width`).toBeLessThanOrEqual(DESKTOP.width);
      expect(scrollers, `${path}: boxes scrolled sideways`).toEqual([]);
    }
  });

  test("the users page with filters on: toolbar and table fit; a row menu opens in the window without scrolling the table", async ({
    page,
  }) => {
    await signInPage(page, "owner");
    await page.goto("/?provider=openai,arthur&status=active");
    const table = page.getByRole("table", { name: "People" });
    const first = table.locator("tbody tr").first();
    await expect(first).toBeVisible();
    const { pageWidth, scrollers } = await measure(page);
    expect(pageWidth).toBeLessThanOrEqual(DESKTOP.width);
    expect(scrollers).toEqual([]);
    const trigger = first.getByRole("button", { name: /^Actions for / });
    await expectInside(trigger, DESKTOP, "row menu button");
    await trigger.click();
    const menu = page.getByRole("menu");
    await expect(menu).toBeVisible();
    for (const item of await menu.getByRole("menuitem").all()) await expectInside(item, DESKTOP, `menu item ${await item.textContent()}`);
    // The open menu hides the rest from the accessibility tree: find the table by its label.
    const scrolled = await page.locator('table[aria-label="People"]').evaluate((element) => {
      let box: HTMLElement | null = element.parentElement;
      let left = 0;
      while (box) {
        left += box.scrollLeft;
        box = box.parentElement;
      }
      return left + document.documentElement.scrollLeft;
    });
    expect(scrolled, "sideways scroll after opening the menu").toBe(0);
  });

  test("long unbroken names and reasons stay inside their cells and cards", async ({ page, as }) => {
    const requester = await as("requester");
    const long = "x".repeat(180);
    const res = await requester.post("/api/invite-requests", {
      data: {
        emails: [`wide.${Date.now()}@example.com`],
        providers: [{ provider: "openai", role: "reader" }],
        reason: `Because${long}${long}`,
      },
    });
    expect([200, 201], await res.text()).toContain(res.status());
    await signInPage(page, "owner");
    await page.goto("/invites");
    await expect(page.getByText(/Because/).first()).toBeVisible();
    const { pageWidth, scrollers } = await measure(page);
    expect(pageWidth).toBeLessThanOrEqual(DESKTOP.width);
    expect(scrollers).toEqual([]);
  });
});

test.describe("layout at 390×844", () => {
  test.use({ viewport: PHONE });

  test("no page is wider than the phone; tables scroll inside their own box", async ({ page, consoleGuard }) => {
    test.setTimeout(120_000);
    consoleGuard.allow(/status of 404 .*no-such-page/);
    await signInPage(page, "owner");
    const person = await samplePerson(page);
    for (const { path, ready } of [...pages(person), { path: "/signin", ready: (p: Page) => p.getByRole("button", { name: "Sign in" }) }]) {
      await page.goto(path);
      if (path !== "/signin") await expect(ready(page)).toBeAttached();
      const { pageWidth, scrollers } = await measure(page);
      expect(pageWidth, `${path}: page width`).toBeLessThanOrEqual(PHONE.width);
      for (const box of scrollers) expect(box.right, `${path}: ${box.what} ends inside the phone`).toBeLessThanOrEqual(PHONE.width);
    }
  });

  test("the person page's dialogs keep their buttons on screen", async ({ page }) => {
    test.setTimeout(120_000);
    await signInPage(page, "admin");
    const person = await samplePerson(page);
    await page.goto(`/people/${encodeURIComponent(person.email!)}`);
    await expect(page.getByRole("table", { name: "Memberships" }).locator("tbody tr").nth(2)).toBeAttached();
    expect((await measure(page)).pageWidth).toBeLessThanOrEqual(PHONE.width);

    const changeRole = page.getByRole("button", { name: "Change role on OpenAI" });
    await changeRole.scrollIntoViewIfNeeded();
    await changeRole.click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    const select = dialog.getByLabel("New role");
    const others = await select
      .locator("option:not([disabled])")
      .evaluateAll((options) => options.filter((o) => !o.textContent?.includes("(current)")).map((o) => (o as HTMLOptionElement).value));
    await select.selectOption(others[0]);
    await expectInside(dialog, PHONE, "change-role dialog");
    // OpenAI's other role is owner, which waits for a second admin: the button then says so.
    await expectInside(dialog.getByRole("button", { name: /^(Change role|Request approval)$/ }), PHONE, "its confirm button");
    await dialog.getByRole("button", { name: "Cancel" }).click();

    const remove = page.getByRole("button", { name: "Remove from Arthur" });
    await remove.scrollIntoViewIfNeeded();
    await remove.click();
    const alert = page.getByRole("alertdialog");
    await expectInside(alert.getByRole("button", { name: "Remove", exact: true }), PHONE, "the remove dialog's confirm button");
    await alert.getByRole("button", { name: "Cancel" }).click();

    await page.getByRole("button", { name: "Remove everywhere" }).click();
    const everywhere = page.getByRole("alertdialog");
    await expectInside(everywhere.getByRole("button", { name: "Remove everywhere" }), PHONE, "the remove-everywhere confirm button");
    expect((await measure(page)).pageWidth).toBeLessThanOrEqual(PHONE.width);
  });

  test("invite, operator and service-account dialogs keep their buttons on screen", async ({ page }) => {
    test.setTimeout(120_000);
    await signInPage(page, "owner");
    await page.goto("/invites");
    await page.getByRole("button", { name: "Invite people" }).first().click();
    const invite = page.getByRole("dialog", { name: "Invite people" });
    await invite.getByLabel("Emails").fill(Array.from({ length: 12 }, (_, i) => `phone.${i}@example.com`).join("\n"));
    for (const provider of ["OpenAI", "Astronomer", "Arthur"]) await invite.getByRole("checkbox", { name: provider }).check();
    await invite.getByLabel("Reason").fill("Joining the analytics team");
    await expectInside(invite, PHONE, "invite dialog");
    await expectInside(invite.getByRole("button", { name: /^(Request|Send|Invite)/ }).last(), PHONE, "its confirm button");
    expect((await measure(page)).pageWidth).toBeLessThanOrEqual(PHONE.width);
    await page.keyboard.press("Escape");

    await page.goto("/settings");
    await page.getByRole("button", { name: "Add operator" }).click();
    const add = page.getByRole("dialog", { name: "Add an operator" });
    await expectInside(add.getByRole("button", { name: "Add operator" }), PHONE, "add-operator confirm button");
    await page.keyboard.press("Escape");

    await page.goto("/service-accounts");
    await page.getByRole("button", { name: "New service account" }).first().click();
    const create = page.getByRole("dialog", { name: "New Arthur service account" });
    // While a second admin must approve, the button asks for approval instead of creating.
    await expectInside(create.getByRole("button", { name: /^(Create|Request approval)/ }), PHONE, "new-service-account confirm button");
  });

  test("the navigation drawer opens from the top bar, goes to a page and closes, and Escape closes it", async ({ page }) => {
    await signInPage(page, "owner");
    await page.goto("/");
    await expect(page.getByRole("table", { name: "People" }).locator("tbody tr").first()).toBeVisible();
    await page.getByRole("button", { name: "Open navigation" }).click();
    const drawer = page.getByRole("dialog", { name: "Navigation" });
    await expect(drawer).toBeVisible();
    await expectInside(drawer.getByRole("button", { name: "Close navigation" }), PHONE, "the drawer's close button");
    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
    await expect(page.getByRole("button", { name: "Open navigation" })).toBeFocused();

    await page.getByRole("button", { name: "Open navigation" }).click();
    await drawer.getByRole("link", { name: "Audit", exact: true }).click();
    await expect(page).toHaveURL(/\/audit/);
    await expect(drawer).toBeHidden();
    await expect(page.getByRole("table", { name: "Audit log" })).toBeVisible();
  });
});
