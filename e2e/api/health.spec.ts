import { request as playwrightRequest } from "@playwright/test";
import { E2E } from "../env";
import { expect, test } from "../fixtures";
import type { UsersResponse } from "../../lib/directory/types";

/**
 * Liveness and readiness answer without a session (orchestrators and monitors call them),
 * so they must say nothing about the organization: no email, no name, no secret.
 */

test.describe("health and readiness", () => {
  test("GET /api/health answers ok without a session", async () => {
    const anonymous = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
    const res = await anonymous.get("/api/health");
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toContain("no-store");
    expect(await res.json()).toEqual({ status: "ok" });
    await anonymous.dispose();
  });

  test("GET /api/ready says the database is migrated and how old each provider's sync is, without member data", async ({ as }) => {
    const viewer = await as("viewer");
    const users = (await (await viewer.get("/api/users?pageSize=50")).json()) as UsersResponse;
    expect(users.people.length).toBeGreaterThan(0);

    const anonymous = await playwrightRequest.newContext({ baseURL: E2E.baseUrl });
    const res = await anonymous.get("/api/ready");
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.ready).toBe(true);
    expect(body.database).toEqual({ reachable: true, migrated: true });
    expect(body.providers.map((p: { id: string }) => p.id).sort()).toEqual(Object.keys(E2E.sandbox).sort());
    for (const provider of body.providers) {
      expect(provider.mode).toBe("sandbox");
      expect(provider.state).toBe("ok");
      expect(provider.lastSyncAgeSeconds).toBeGreaterThanOrEqual(0);
    }
    const text = JSON.stringify(body);
    for (const person of users.people) {
      if (person.email) expect(text).not.toContain(person.email);
      if (person.name) expect(text).not.toContain(person.name);
    }
    expect(text).not.toContain(E2E.sandboxToken);
    await anonymous.dispose();
  });
});
