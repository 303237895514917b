import type { APIRequestContext } from "@playwright/test";
import type { ProviderState, UsersResponse } from "../../lib/directory/types";
import type { ProviderId } from "../../lib/providers/types";
import { poolPerson } from "../../lib/sandbox/seed";
import { expect, freshWorld, sandbox, test } from "../fixtures";
import { people, roles } from "./member-helpers";

/**
 * Provider answers shaped the way real ones are (the sandboxes' variance cases), through
 * Roster's API: the provider stays listed, its state says ok or degraded, the read report
 * names each deviation and missing part, and unknown roles are shown, filtered on and
 * never counted as owners.
 */

async function synced(api: APIRequestContext, provider: ProviderId): Promise<{ body: UsersResponse; state: ProviderState }> {
  expect((await api.post("/api/sync", { data: { provider } })).status()).toBe(200);
  const body = await people(api, "");
  return { body, state: body.providers.find((p) => p.id === provider)! };
}

const memberships = (body: UsersResponse, provider: ProviderId) =>
  body.people.flatMap((p) => p.memberships.filter((m) => m.provider === provider));

const restore = freshWorld;

test.describe("provider variance", () => {
  test.beforeAll(restore);
  test.afterAll(restore);
  test.afterEach(async () => {
    await sandbox.vary("openai", []);
    await sandbox.vary("arthur", []);
  });

  test("OpenAI: invites without `projects` and a role Roster does not know are listed, noted, and the role can be filtered on", async ({
    as,
  }) => {
    const viewer = await as("viewer");
    await sandbox.vary("openai", ["invite-no-projects", "user-role-member"]);
    const { body, state } = await synced(viewer, "openai");
    expect(state).toMatchObject({ ok: true, state: "ok" });
    expect(state.report.missing).toEqual([]);
    expect(state.report.deviations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "invite.projects missing" }),
        expect.objectContaining({ kind: "user.role unknown", example: "member" }),
      ]),
    );
    const openai = memberships(body, "openai");
    expect(openai.some((m) => m.status === "invited")).toBe(true);
    expect(body.facets.roles).toContainEqual(expect.objectContaining({ provider: "openai", role: "member" }));

    const filtered = await people(viewer, "provider=openai&role=member");
    expect(filtered.total).toBeGreaterThan(0);
    for (const person of filtered.people) expect(person.memberships.some((m) => m.provider === "openai" && m.role === "member")).toBe(true);

    const connections = (await (await viewer.get("/api/connections")).json()) as {
      connections: Array<{ id: string; state: string; report: unknown }>;
    };
    expect(connections.connections.find((c) => c.id === "openai")).toMatchObject({ state: "ok", report: state.report });
  });

  test("OpenAI: invites it may not read leave the members listed, degraded, with the part named", async ({ as }) => {
    const viewer = await as("viewer");
    await sandbox.vary("openai", ["invites-forbidden"]);
    const { body, state } = await synced(viewer, "openai");
    expect(state).toMatchObject({ ok: true, state: "degraded" });
    expect(state.error).toBeUndefined();
    expect(state.report.missing).toEqual([
      expect.objectContaining({ part: "invites", status: 403, reason: expect.stringContaining("insufficient permissions") }),
    ]);
    const openai = memberships(body, "openai");
    expect(openai.length).toBeGreaterThan(100);
    expect(openai.some((m) => m.status === "invited")).toBe(false);
  });

  test("Arthur: role bindings it may not read leave the members listed with the role unknown, naming the permission", async ({ as }) => {
    const viewer = await as("viewer");
    await sandbox.vary("arthur", ["bindings-forbidden", "user-nullable-fields"]);
    const { body, state } = await synced(viewer, "arthur");
    expect(state).toMatchObject({ ok: true, state: "degraded" });
    expect(state.report.missing).toEqual([
      expect.objectContaining({ part: "role bindings", status: 403, permission: "organization_list_role_bindings" }),
    ]);
    expect(state.report.deviations).toContainEqual(expect.objectContaining({ kind: "user.first_name null" }));
    const arthur = memberships(body, "arthur");
    expect(arthur.length).toBeGreaterThan(100);
    for (const m of arthur) expect(m.roleUnknown).toContain("role bindings could not be read");
  });

  test("OpenAI: the last-owner rule does not count a role Roster does not know as an owner, and says so", async ({ as }) => {
    const admin = await as("admin");
    const founders = [poolPerson(0).email, poolPerson(1).email];
    // Leave the two founders as the only owners.
    const { owner, plain } = await roles(admin, "openai");
    for (const person of (await people(admin, `provider=openai&role=${owner.name}`)).people) {
      if (founders.includes(person.email!)) continue;
      const m = person.memberships.find((x) => x.provider === "openai")!;
      const res = await admin.patch(`/api/members/openai/${encodeURIComponent(m.id)}`, { data: { role: plain[0].id, confirmSelf: true } });
      expect(res.status(), await res.text()).toBe(200);
    }
    // Founder 0 (the first user listed) now reads as `member`.
    await sandbox.vary("openai", ["user-role-member"]);
    const { body } = await synced(admin, "openai");
    const founder0 = body.people.find((p) => p.email === founders[0])!.memberships.find((m) => m.provider === "openai")!;
    expect(founder0.role).toBe("member");
    const founder1 = body.people.find((p) => p.email === founders[1])!.memberships.find((m) => m.provider === "openai")!;

    const res = await admin.patch(`/api/members/openai/${encodeURIComponent(founder1.id)}`, { data: { role: plain[0].id } });
    expect(res.status()).toBe(409);
    const { error } = await res.json();
    expect(error.code).toBe("last_owner");
    expect(error.message).toMatch(/last owner of the OpenAI organization/);
    expect(error.message).toMatch(/members whose roles Roster doesn't know: "member"; Roster does not count them as owners/);
  });
});
