import type { AuditResponse } from "../../lib/audit/types";
import { expect, test } from "../fixtures";
import { cookieOf, newOperator, readyOperator, sessionEmail, signInAs, statusWithCookie } from "./operator-helpers";

/**
 * Sessions end on the server: sign-out, disabling, a role change and a password change
 * refuse the old cookie at its next request (re-enabling revives none), and an operator
 * whose password an owner chose must choose their own before anything else.
 */

test.describe("revocable sessions", () => {
  test("after sign-out the old cookie gets 401", async ({ as }) => {
    const { ctx } = await readyOperator(await as("owner"), "viewer");
    const cookie = await cookieOf(ctx);
    expect(await statusWithCookie(cookie)).toBe(200);
    const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const out = await ctx.post("/api/auth/signout", { form: { csrfToken, json: "true" }, maxRedirects: 0 });
    expect([200, 302]).toContain(out.status());
    expect(await statusWithCookie(cookie)).toBe(401);
    expect(await statusWithCookie(cookie, "/")).toBe(307);
    await ctx.dispose();
  });

  test("disable then enable: the old cookie stays refused; a new sign-in works", async ({ as }) => {
    const owner = await as("owner");
    const { operator, password, ctx } = await readyOperator(owner, "viewer");
    const cookie = await cookieOf(ctx);
    expect((await owner.patch(`/api/operators/${operator.id}`, { data: { disabled: true } })).status()).toBe(200);
    expect(await statusWithCookie(cookie)).toBe(401);
    expect((await owner.patch(`/api/operators/${operator.id}`, { data: { disabled: false } })).status()).toBe(200);
    expect(await statusWithCookie(cookie)).toBe(401);
    const again = await signInAs(operator.email, password);
    expect((await again.get("/api/connections")).status()).toBe(200);
    await Promise.all([ctx.dispose(), again.dispose()]);
  });

  test("a role change ends the operator's sessions", async ({ as }) => {
    const owner = await as("owner");
    const { operator, password, ctx } = await readyOperator(owner, "viewer");
    const cookie = await cookieOf(ctx);
    expect((await owner.patch(`/api/operators/${operator.id}`, { data: { role: "admin" } })).status()).toBe(200);
    expect(await statusWithCookie(cookie)).toBe(401);
    const again = await signInAs(operator.email, password);
    expect((await again.get("/api/operators")).status()).toBe(200);
    await Promise.all([ctx.dispose(), again.dispose()]);
  });

  test("first sign-in with an owner-chosen password: 403 password_change_required and the password page until a new one is chosen", async ({
    as,
  }) => {
    const owner = await as("owner");
    const made = await newOperator(owner, "admin");
    const ctx = await signInAs(made.email, made.password);
    expect(await sessionEmail(ctx)).toBe(made.email);
    const refused = await ctx.get("/api/connections");
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.code).toBe("password_change_required");
    const page = await ctx.get("/", { maxRedirects: 0 });
    expect(page.status()).toBe(307);
    expect(page.headers()["location"]).toContain("/account/password");
    expect((await ctx.get("/account/password", { maxRedirects: 0 })).status()).toBe(200);

    const wrong = await ctx.post("/api/account/password", {
      data: { currentPassword: "not-it-at-all", newPassword: "a-new-password-123" },
    });
    expect(wrong.status()).toBe(422);
    expect((await wrong.json()).error.message).toMatch(/^currentPassword/);
    const short = await ctx.post("/api/account/password", { data: { currentPassword: made.password, newPassword: "short" } });
    expect(short.status()).toBe(422);
    expect((await short.json()).error.message).toMatch(/^newPassword/);

    const cookie = await cookieOf(ctx);
    const mine = `${made.password}-mine`;
    const changed = await ctx.post("/api/account/password", { data: { currentPassword: made.password, newPassword: mine } });
    expect(changed.status(), await changed.text()).toBe(200);
    // A password change ends the sessions that came before it.
    expect(await statusWithCookie(cookie)).toBe(401);
    const old = await signInAs(made.email, made.password);
    expect(await sessionEmail(old)).toBeUndefined();
    const fresh = await signInAs(made.email, mine);
    expect((await fresh.get("/api/connections")).status()).toBe(200);
    expect((await fresh.get("/", { maxRedirects: 0 })).status()).toBe(200);

    const audit = (await (await owner.get("/api/audit?pageSize=5&action=change_password")).json()) as AuditResponse;
    expect(audit.events[0]).toMatchObject({ outcome: "success", actor: { email: made.email } });
    expect(JSON.stringify(audit)).not.toContain(mine);
    await Promise.all([ctx.dispose(), old.dispose(), fresh.dispose()]);
  });
});
