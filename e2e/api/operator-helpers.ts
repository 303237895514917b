import { type APIRequestContext, request as playwrightRequest } from "@playwright/test";
import type { OperatorResponse } from "../../lib/operators/types";
import { E2E } from "../env";
import { expect } from "../fixtures";

/** Operators made by the demo owner for a test, signed in over HTTP, their cookies kept apart. */

const run = Date.now().toString(36);
let count = 0;

export async function signInAs(email: string, password: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL: E2E.baseUrl, extraHTTPHeaders: { origin: E2E.baseUrl } });
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await ctx.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true", callbackUrl: "/" },
    maxRedirects: 0,
  });
  return ctx;
}

export async function sessionEmail(ctx: APIRequestContext): Promise<string | undefined> {
  return (await (await ctx.get("/api/auth/session")).json())?.user?.email;
}

/** The session cookie a context holds now, as a `Cookie` header (to replay it after it is gone). */
export async function cookieOf(ctx: APIRequestContext): Promise<string> {
  const { cookies } = await ctx.storageState();
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session, "a session cookie").toBeTruthy();
  return `${session!.name}=${session!.value}`;
}

/** A request with exactly this cookie, from a fresh context. */
export async function statusWithCookie(cookie: string, path = "/api/connections"): Promise<number> {
  const ctx = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
  const status = (await ctx.get(path, { headers: { cookie }, maxRedirects: 0 })).status();
  await ctx.dispose();
  return status;
}

/** A new operator with an owner-chosen password (which they must replace at first sign-in). */
export async function newOperator(owner: APIRequestContext, role: string, email = `op-${run}-${++count}@example.com`) {
  const password = `given-${run}-${count}-password`;
  const res = await owner.post("/api/operators", { data: { email, name: `Operator ${count}`, role, password } });
  expect(res.status(), await res.text()).toBe(200);
  return { ...((await res.json()) as OperatorResponse).operator, password };
}

/** Signs in with the given password, chooses a new one, and signs in with that: a context ready to work. */
export async function readyOperator(owner: APIRequestContext, role: string, email?: string) {
  const made = await newOperator(owner, role, email);
  const first = await signInAs(made.email, made.password);
  const password = `${made.password}-mine`;
  const changed = await first.post("/api/account/password", { data: { currentPassword: made.password, newPassword: password } });
  expect(changed.status(), await changed.text()).toBe(200);
  await first.dispose();
  const ctx = await signInAs(made.email, password);
  expect(await sessionEmail(ctx)).toBe(made.email);
  return { operator: made, password, ctx };
}
