import { expect, signInPage, test } from "./guard";

// A browser whose clock and zone differ from the server's, as every real browser's do.
test.use({ timezoneId: "Asia/Kolkata" });

test.describe("times", () => {
  test("the users page hydrates without a React error when the browser's clock is ahead; local times carry their zone", async ({
    page,
  }) => {
    await signInPage(page, "viewer");
    // Ten minutes ahead: the server's HTML cannot know the browser's "now", so it must not render one.
    await page.clock.install({ time: new Date(Date.now() + 10 * 60_000) });
    await page.goto("/");
    const synced = page.locator("time[title^='Last synced']").first();
    await expect(synced).toHaveText(/\d+ min ago/);
    await expect(synced).toHaveAttribute("title", /GMT\+5:30/);
    const added = page.getByRole("table", { name: "People" }).locator("time[title^='Added']").first();
    await expect(added).toHaveText(/ago|yesterday|just now/);
    await expect(added).toHaveAttribute("title", /GMT\+5:30/);
    // (The console guard fails the test on React's hydration error, #418.)
  });

  test("the server's HTML shows exact UTC times, never a relative one", async ({ page }) => {
    await signInPage(page, "viewer");
    const html = await (await page.context().request.get("/")).text();
    const times = [...html.matchAll(/<time[^>]*>([^<]*)<\/time>/g)].map((m) => m[1]);
    expect(times.length).toBeGreaterThan(0);
    for (const text of times) expect(text).toMatch(/UTC$/);
  });
});
