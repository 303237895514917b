import type { UsersResponse } from "../../lib/directory/types";
import { PROVIDER_IDS } from "../../lib/providers/catalog";
import { expect, sandbox, test } from "../fixtures";

test.describe("GET /api/users", () => {
  test.afterEach(async () => sandbox.clearFaults());

  test("merges people across every provider", async ({ as }) => {
    const viewer = await as("viewer");
    const res = await viewer.get("/api/users?pageSize=200");
    expect(res.status()).toBe(200);
    expect(res.headers()["x-request-id"]).toBeTruthy();
    const body = (await res.json()) as UsersResponse;
    expect(body.providers.map((p) => [p.id, p.mode, p.ok])).toEqual(PROVIDER_IDS.map((id) => [id, "sandbox", true]));
    expect(body.total).toBeGreaterThan(200);
    const everywhere = body.people.filter((p) => new Set(p.memberships.map((m) => m.provider)).size === PROVIDER_IDS.length);
    expect(everywhere.length).toBeGreaterThan(0);
    // One row per person: no email appears twice.
    const emails = body.people.map((p) => p.email).filter(Boolean);
    expect(new Set(emails).size).toBe(emails.length);
  });

  test("searches, filters, sorts and pages on the server", async ({ as }) => {
    const viewer = await as("viewer");
    const all = (await (await viewer.get("/api/users?pageSize=1")).json()) as UsersResponse;
    const target = all.people[0];

    const found = (await (await viewer.get(`/api/users?q=${encodeURIComponent(target.email!.toUpperCase())}`)).json()) as UsersResponse;
    expect(found.people.map((p) => p.email)).toContain(target.email);

    const openaiOwners = (await (await viewer.get("/api/users?provider=openai&role=owner&pageSize=200")).json()) as UsersResponse;
    expect(openaiOwners.total).toBeGreaterThan(0);
    for (const person of openaiOwners.people) {
      expect(person.memberships.some((m) => m.provider === "openai" && m.role === "owner")).toBe(true);
    }

    const byEmailDesc = (await (await viewer.get("/api/users?sort=email&order=desc&pageSize=20")).json()) as UsersResponse;
    const emails = byEmailDesc.people.map((p) => p.email ?? "");
    expect([...emails].sort((a, b) => b.localeCompare(a, "en", { sensitivity: "base", numeric: true }))).toEqual(emails);

    const page1 = (await (await viewer.get("/api/users?pageSize=10&page=1")).json()) as UsersResponse;
    const page2 = (await (await viewer.get("/api/users?pageSize=10&page=2")).json()) as UsersResponse;
    expect(page1.people).toHaveLength(10);
    expect(page2.page).toBe(2);
    expect(page1.people.map((p) => p.key)).not.toEqual(page2.people.map((p) => p.key));
  });

  test("filters to people holding access through a group, with a facet counting them", async ({ as }) => {
    const viewer = await as("viewer");
    const all = (await (await viewer.get("/api/users?pageSize=1")).json()) as UsersResponse;
    const groupCount = all.facets.via.find((f) => f.via === "group")?.count ?? 0;
    expect(groupCount, "the sandbox seeds Arthur groups that grant roles").toBeGreaterThan(0);
    const viaGroup = (await (await viewer.get("/api/users?via=group&pageSize=200")).json()) as UsersResponse;
    expect(viaGroup.total).toBeGreaterThan(0);
    expect(viaGroup.total).toBeLessThan(all.total);
    for (const person of viaGroup.people) {
      expect(
        person.memberships.some((m) => m.scopedRoles?.some((s) => s.via?.kind === "group")),
        person.key,
      ).toBe(true);
    }
    // Combined with a provider the group grant is not on, nobody is left.
    const none = (await (await viewer.get("/api/users?via=group&provider=astronomer")).json()) as UsersResponse;
    expect(none.total).toBe(0);
  });

  test("bad query parameters get 422 naming the field", async ({ as }) => {
    const viewer = await as("viewer");
    for (const [query, field] of [
      ["pageSize=5000", "pageSize"],
      ["provider=slack", "provider"],
      ["sort=shoe", "sort"],
      ["page=0", "page"],
      ["via=direct", "via"],
      [`workspace=${"w".repeat(401)}`, "workspace"],
    ]) {
      const res = await viewer.get(`/api/users?${query}`);
      expect(res.status(), query).toBe(422);
      const body = await res.json();
      expect(body.error.code).toBe("invalid_input");
      expect(body.error.message).toContain(field);
    }
  });
});

test("GET /api/connections shows mode, identity and last sync", async ({ as }) => {
  const viewer = await as("viewer");
  await viewer.post("/api/sync", { data: {} });
  const { connections } = await (await viewer.get("/api/connections")).json();
  expect(connections).toHaveLength(PROVIDER_IDS.length);
  for (const c of connections) {
    expect(c.mode).toBe("sandbox");
    expect(c.identity?.id, c.id).toBeTruthy();
    expect(c.lastSyncAt, c.id).toBeTruthy();
    expect(c.host).toMatch(/^127\.0\.0\.1:\d+$/);
  }
});
