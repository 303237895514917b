import fs from "node:fs";
import { request as playwrightRequest } from "@playwright/test";
import type { AuditEvent, AuditResponse } from "../../lib/audit/types";
import { E2E } from "../env";
import { expect, test } from "../fixtures";

/**
 * The audit chain is keyed (HMAC with a key outside the database), its head is on the
 * log stream after every append and on the Audit page's answer, and the log holds more
 * than changes: sign-ins (success, failure, throttled) and change requests refused for
 * the operator's role (403) or the input (422). `npm run audit:verify -- --head` is
 * proven on a real database in lib/audit/audit.test.ts.
 */

const run = `${process.pid}${Date.now()}`;
let n = 0;
const address = () => `203.0.113.${(Number(run.slice(-3)) + ++n) % 250}`;

async function signIn(email: string, password: string, from: string) {
  const ctx = await playwrightRequest.newContext({ baseURL: E2E.baseUrl, extraHTTPHeaders: { origin: E2E.baseUrl } });
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true", callbackUrl: "/" },
    headers: { "x-forwarded-for": from },
    maxRedirects: 0,
  });
  await ctx.dispose();
  return res.status();
}

async function events(api: import("@playwright/test").APIRequestContext, query: string): Promise<AuditEvent[]> {
  const res = await api.get(`/api/audit?pageSize=50&${query}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as AuditResponse).events;
}

test.describe("audit chain and access rows", () => {
  test("the head is keyed, answered with the log, and written to the log stream", async ({ as }) => {
    const owner = await as("owner");
    // Any append: a refused change (bad input) is one.
    expect((await owner.patch("/api/members/openai/user-x", { data: { role: "" } })).status()).toBe(422);
    const { head } = (await (await owner.get("/api/audit?pageSize=1")).json()) as AuditResponse;
    expect(head?.hash).toMatch(/^k1:[0-9a-f]{64}$/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fs.readFileSync(E2E.logFile, "utf8")).toContain(`audit head ${head!.id} ${head!.hash}`);
  });

  test("sign-ins are audit rows: success, failure and throttled", async ({ as }) => {
    const from = address();
    expect(await signIn(E2E.operators.viewer, E2E.password, from)).toBe(200);
    const stranger = `stranger-${run}@audit.test`;
    for (let i = 0; i < 5; i++) expect(await signIn(stranger, `wrong-${i}`, address())).toBe(401);
    expect(await signIn(stranger, "wrong-again", address())).toBe(429);

    const owner = await as("owner");
    const rows = await events(owner, "action=sign_in");
    expect(rows.find((e) => e.target.email === E2E.operators.viewer && e.outcome === "success")).toMatchObject({
      actor: { email: E2E.operators.viewer, role: "viewer" },
      after: { method: "credentials", address: from },
    });
    const mine = rows.filter((e) => e.target.email === stranger);
    expect(mine.filter((e) => e.outcome === "failure")).toHaveLength(5);
    expect(mine.find((e) => e.outcome === "refused")?.providerMessage).toMatch(/Too many failed sign-in attempts/);
    expect(JSON.stringify(mine)).not.toContain("wrong-");
  });

  test("change requests refused for the role (403) or the input (422) are audit rows", async ({ as }) => {
    const viewer = await as("viewer");
    const forbidden = await viewer.delete("/api/members/openai/user-forbidden-here");
    expect(forbidden.status()).toBe(403);
    const admin = await as("admin");
    const invalid = await admin.patch("/api/members/openai/user-invalid-here", { data: { role: "superuser" } });
    expect(invalid.status()).toBe(422);

    const owner = await as("owner");
    const rows = await events(owner, "action=refused_request");
    expect(rows.find((e) => e.requestId === forbidden.headers()["x-request-id"])).toMatchObject({
      outcome: "refused",
      actor: { email: E2E.operators.viewer },
      after: { method: "DELETE", path: "/api/members/openai/user-forbidden-here", status: 403, code: "forbidden" },
    });
    expect(rows.find((e) => e.requestId === invalid.headers()["x-request-id"])).toMatchObject({
      outcome: "refused",
      actor: { email: E2E.operators.admin },
      after: { method: "PATCH", status: 422 },
      providerMessage: expect.stringMatching(/role must be one of/),
    });
  });
});
