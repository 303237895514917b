import { type APIRequestContext, type Page, request as playwrightRequest, test as base, expect } from "@playwright/test";
import { type DemoRole, E2E } from "./env";
import type { ProviderId } from "../lib/providers/types";
import type { FaultInput } from "../lib/sandbox/faults";

/** Signs in through next-auth's credentials endpoint, as the browser form does. */
export async function signIn(ctx: APIRequestContext, role: DemoRole, baseUrl: string = E2E.baseUrl): Promise<void> {
  const csrf = await ctx.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: E2E.operators[role], password: E2E.password, json: "true", callbackUrl: "/" },
    headers: { origin: baseUrl },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(res.status());
  const session = await (await ctx.get("/api/auth/session")).json();
  expect(session?.user?.email, `signed in as ${role}`).toBe(E2E.operators[role]);
}

/**
 * Renders the users page and a person page, as a browser does before it calls the API. The
 * pages run in other Next server layers than the route handlers (each with its own copy of
 * every module), and whichever asks first builds what the server shares through globalThis
 * (providers, caches): API tests must see the server in that state, not a fresh one.
 */
export async function renderPages(ctx: APIRequestContext): Promise<void> {
  const home = await ctx.get("/");
  expect(home.status(), "GET / renders").toBe(200);
  const person = await ctx.get(`/people/${encodeURIComponent(E2E.operators.owner)}`);
  expect(person.status(), "GET /people/… renders").toBe(200);
}

/** Servers this test process has rendered pages on (what globalThis holds is built once per server). */
const rendered = new Set<string>();

/**
 * An API client signed in as a demo operator (on another Roster server when `baseUrl` says).
 * The first one on each server renders pages before anything calls the API.
 */
export async function apiAs(role: DemoRole, baseUrl: string = E2E.baseUrl): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL: baseUrl, extraHTTPHeaders: { origin: baseUrl } });
  await signIn(ctx, role, baseUrl);
  if (!rendered.has(baseUrl)) {
    await renderPages(ctx);
    rendered.add(baseUrl);
  }
  return ctx;
}

/** Controls a provider sandbox: faults, reset. */
export const sandbox = {
  async fault(provider: ProviderId, fault: FaultInput) {
    const res = await fetch(`${E2E.sandbox[provider]}/__sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fault),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  },
  /** Turns on exactly these variance cases on a provider's sandbox (lib/sandbox/variance.ts); none: off. */
  async vary(provider: ProviderId, cases: string[]) {
    const res = await fetch(`${E2E.sandbox[provider]}/__sandbox/variance`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ cases }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  },
  /** Back to the seed, faults and variance cleared (Roster's snapshot needs a sync afterwards). */
  async reset() {
    const ids = Object.keys(E2E.sandbox) as ProviderId[];
    await Promise.all(ids.map((id) => fetch(`${E2E.sandbox[id]}/__sandbox/reset`, { method: "POST" })));
  },
  async clearFaults(provider?: ProviderId) {
    const ids = provider ? [provider] : (Object.keys(E2E.sandbox) as ProviderId[]);
    await Promise.all(ids.map((id) => fetch(`${E2E.sandbox[id]}/__sandbox/faults`, { method: "DELETE" })));
  },
};

/** The sandboxes back at their seed and Roster's directory read from them again: the world every suite starts from. */
export async function freshWorld(): Promise<void> {
  await sandbox.reset();
  const viewer = await apiAs("viewer");
  try {
    const res = await viewer.post("/api/sync", { data: {} });
    expect(res.status(), await res.text()).toBe(200);
  } finally {
    await viewer.dispose();
  }
}

/**
 * A fresh world before each test of a suite (or once before all of them), and again after the
 * suite, so the suites that follow find the seed and Roster's view of it.
 */
export function inFreshWorld(
  suite: { beforeEach(fn: () => Promise<void>): void; beforeAll(fn: () => Promise<void>): void; afterAll(fn: () => Promise<void>): void },
  before: "each" | "all",
): void {
  if (before === "each") suite.beforeEach(freshWorld);
  else suite.beforeAll(freshWorld);
  suite.afterAll(freshWorld);
}

/** Signs the page's browser context in (cookie from the API sign-in). */
export async function signInPage(page: Page, role: DemoRole): Promise<void> {
  await signIn(page.context().request, role);
}

export const test = base.extend<{ as: (role: DemoRole) => Promise<APIRequestContext> }>({
  as: async ({}, use) => {
    const opened: APIRequestContext[] = [];
    await use(async (role) => {
      const ctx = await apiAs(role);
      opened.push(ctx);
      return ctx;
    });
    await Promise.all(opened.map((c) => c.dispose()));
  },
});

export { expect };
