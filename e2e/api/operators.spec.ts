import { type APIRequestContext, request as playwrightRequest } from "@playwright/test";
import type { AuditResponse } from "../../lib/audit/types";
import type { OperatorResponse, OperatorsResponse } from "../../lib/operators/types";
import { E2E } from "../env";
import { expect, test } from "../fixtures";
import { readyOperator } from "./operator-helpers";

/** Roster operators over HTTP: owners manage, nobody removes the last owner, a disabled session stops. */

const run = Date.now().toString(36);

async function signInAs(email: string, password: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL: E2E.baseUrl, extraHTTPHeaders: { origin: E2E.baseUrl } });
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await ctx.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true", callbackUrl: "/" },
    maxRedirects: 0,
  });
  return ctx;
}

async function sessionEmail(ctx: APIRequestContext): Promise<string | undefined> {
  return (await (await ctx.get("/api/auth/session")).json())?.user?.email;
}

async function operatorsOf(api: APIRequestContext) {
  const res = await api.get("/api/operators");
  expect(res.status()).toBe(200);
  return ((await res.json()) as OperatorsResponse).operators;
}

test.describe("operators", () => {
  test("owners manage, admins read, others are refused", async ({ as }) => {
    for (const role of ["viewer", "requester"] as const) {
      expect((await (await as(role)).get("/api/operators")).status()).toBe(403);
    }
    const admin = await as("admin");
    const list = await operatorsOf(admin);
    expect(list.map((o) => o.email)).toEqual(expect.arrayContaining(Object.values(E2E.operators)));
    expect(JSON.stringify(list)).not.toMatch(/password|scrypt/i);
    const refused = await admin.post("/api/operators", {
      data: { email: `x-${run}@example.com`, name: "X", role: "viewer", password: "long-enough-password" },
    });
    expect(refused.status()).toBe(403);
    const target = list.find((o) => o.email === E2E.operators.viewer)!;
    expect((await admin.patch(`/api/operators/${target.id}`, { data: { role: "admin" } })).status()).toBe(403);
  });

  test("add with a normalised email and a password of 12+ characters; the password is in no audit entry", async ({ as }) => {
    const owner = await as("owner");
    const password = `first-${run}-password`;
    const short = await owner.post("/api/operators", {
      data: { email: `p-${run}@example.com`, name: "P", role: "viewer", password: "elevenchars" },
    });
    expect(short.status()).toBe(422);
    expect((await short.json()).error.message).toMatch(/^password: password must be at least 12|^password must be at least 12/);

    const res = await owner.post("/api/operators", {
      data: { email: `  New.Person-${run}@Example.COM `, name: "New Person", role: "requester", password },
    });
    expect(res.status(), await res.text()).toBe(200);
    const { operator } = (await res.json()) as OperatorResponse;
    expect(operator).toMatchObject({ email: `new.person-${run}@example.com`, role: "requester", disabled: false });

    const dup = await owner.post("/api/operators", {
      data: { email: `NEW.person-${run}@example.com`, name: "Again", role: "viewer", password },
    });
    expect(dup.status()).toBe(409);
    expect((await dup.json()).error.code).toBe("already_exists");

    const fresh = await signInAs(`new.person-${run}@example.com`, password);
    expect(await sessionEmail(fresh)).toBe(`new.person-${run}@example.com`);
    await fresh.dispose();

    const audit = `${await (await owner.get("/api/audit?pageSize=500")).text()}\n${await (await owner.get("/api/audit/export")).text()}`;
    expect(audit).not.toContain(password);
    expect(audit).not.toContain("scrypt$");
    const event = ((await (await owner.get("/api/audit?pageSize=1&action=add_operator&outcome=success")).json()) as AuditResponse)
      .events[0];
    expect(event).toMatchObject({ outcome: "success", target: { email: `new.person-${run}@example.com` }, after: { role: "requester" } });
  });

  test("a role change ends the operator's sessions, and a disabled operator's session stops at its next request", async ({ as }) => {
    const owner = await as("owner");
    const { operator, password, ctx: first } = await readyOperator(owner, "viewer");
    const email = operator.email;
    expect((await first.get("/api/connections")).status()).toBe(200);
    expect((await first.get("/api/operators")).status()).toBe(403);

    expect((await owner.patch(`/api/operators/${operator.id}`, { data: { role: "admin" } })).status()).toBe(200);
    expect((await first.get("/api/operators")).status()).toBe(401);
    const session = await signInAs(email, password);
    expect((await session.get("/api/operators")).status()).toBe(200);
    await first.dispose();

    const disabled = await owner.patch(`/api/operators/${operator.id}`, { data: { disabled: true } });
    expect(disabled.status(), await disabled.text()).toBe(200);
    expect(((await disabled.json()) as OperatorResponse).operator.disabled).toBe(true);
    // Same cookie, next request: refused.
    const after = await session.get("/api/connections");
    expect(after.status()).toBe(401);
    expect((await after.json()).error.code).toBe("unauthorized");
    // And it cannot sign in again.
    const retry = await signInAs(email, password);
    expect(await sessionEmail(retry)).toBeUndefined();
    await Promise.all([session.dispose(), retry.dispose()]);

    const event = ((await (await owner.get("/api/audit?pageSize=1&action=update_operator")).json()) as AuditResponse).events[0];
    expect(event).toMatchObject({ outcome: "success", before: { disabled: false }, after: { disabled: true }, target: { email } });
    // Read as what happened, not as "admin → admin".
    expect(event.description).toBe(`Disable operator ${email}`);
  });

  test("the last owner cannot be demoted or disabled, and the refusal is audited", async ({ as }) => {
    const owner = await as("owner");
    // The database may hold other owners (earlier runs, other suites): make the demo owner the last one.
    for (const other of (await operatorsOf(owner)).filter((o) => o.role === "owner" && !o.disabled && o.email !== "owner@roster.demo")) {
      expect((await owner.patch(`/api/operators/${other.id}`, { data: { role: "admin" } })).status()).toBe(200);
    }
    const owners = (await operatorsOf(owner)).filter((o) => o.role === "owner" && !o.disabled);
    expect(owners).toHaveLength(1);
    const [last] = owners;
    for (const data of [{ role: "admin" }, { disabled: true }]) {
      const res = await owner.patch(`/api/operators/${last.id}`, { data });
      expect(res.status()).toBe(409);
      expect((await res.json()).error).toMatchObject({ code: "last_owner", message: expect.stringContaining("last owner") });
    }
    const event = ((await (await owner.get("/api/audit?pageSize=1&action=update_operator")).json()) as AuditResponse).events[0];
    expect(event).toMatchObject({ outcome: "refused", target: { id: last.id } });
    const bad = await owner.patch(`/api/operators/${last.id}`, { data: { role: "superuser" } });
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error.message).toMatch(/^role/);
    expect((await owner.patch("/api/operators/not-a-uuid", { data: { role: "admin" } })).status()).toBe(422);
    expect((await owner.patch("/api/operators/00000000-0000-4000-8000-000000000000", { data: { role: "admin" } })).status()).toBe(404);
  });
});
