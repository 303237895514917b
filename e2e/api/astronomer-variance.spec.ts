import type { APIRequestContext } from "@playwright/test";
import type { UsersResponse } from "../../lib/directory/types";
import type { PendingInvitesResponse } from "../../lib/invites/types";
import type { AstroVarianceCase } from "../../lib/providers/astronomer/sandbox-variance";
import { SANDBOX_ASTRONOMER_ORG_ID } from "../../lib/providers/astronomer/sandbox-org";
import { E2E } from "../env";
import { apiAs, expect, sandbox, test } from "../fixtures";
import { approve, createRequest } from "./invite-helpers";

/**
 * Astronomer answers shaped like real organizations' (sandbox variance), through Roster's
 * API: the directory keeps everyone it can read, says what it could not, and expired
 * invites neither show nor block. Runs on the sandbox's v1alpha1 or, with
 * ROSTER_E2E_ASTRONOMER_VERSION=v1, its v1 API.
 */

const V1 = process.env.ROSTER_E2E_ASTRONOMER_VERSION === "v1";

async function setVariance(cases: AstroVarianceCase[]) {
  const res = await fetch(`${E2E.sandbox.astronomer}/__sandbox/astronomer/variance`, { method: "POST", body: JSON.stringify({ cases }) });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function astronomerPeople(api: APIRequestContext, query = ""): Promise<UsersResponse> {
  const res = await api.get(`/api/users?pageSize=200&provider=astronomer&${query}`);
  expect(res.status()).toBe(200);
  return res.json();
}

async function sync(api: APIRequestContext) {
  const res = await api.post("/api/sync", { data: { provider: "astronomer" } });
  expect(res.status(), await res.text()).toBeLessThan(300);
}

test.describe("Astronomer as real organizations answer", () => {
  let before = 0;

  test.beforeAll(async () => {
    await sandbox.reset();
    const viewer = await apiAs("viewer");
    await sync(viewer);
    before = (await astronomerPeople(viewer)).total;
    await viewer.dispose();
  });
  test.afterEach(async () => {
    // Leave the seed, and Roster's view of it, as the other suites expect.
    await sandbox.reset();
    const viewer = await apiAs("viewer");
    await sync(viewer);
    await viewer.dispose();
  });

  test("a part the token may not read leaves every member listed, its roles unknown with the reason", async ({ as }) => {
    const viewer = await as("viewer");
    await setVariance([V1 ? "team-forbidden" : "workspace-forbidden"]);
    await sync(viewer);
    const body = await astronomerPeople(viewer);
    expect(body.total).toBe(before);
    const memberships = body.people.map((p) => p.memberships.find((m) => m.provider === "astronomer")!);
    for (const m of memberships) {
      const unknown = m.scopedRoles!.filter((s) => s.unreadable);
      expect(unknown.length, m.id).toBeGreaterThan(0);
      expect(unknown.every((s) => s.role === "unknown" && s.unreadable!.startsWith("403: "))).toBe(true);
    }
  });

  test("odd users are kept, a user without an id is left out, unknown roles are shown verbatim and can be filtered on", async ({ as }) => {
    const viewer = await as("viewer");
    await setVariance(["zoneless-times", "null-avatars", "missing-fields", "extra-fields", "missing-ids", "unknown-roles"]);
    await sync(viewer);
    expect((await astronomerPeople(viewer)).total).toBe(before - 1);
    const observers = await astronomerPeople(viewer, `role=ORGANIZATION_OBSERVE_MEMBER`);
    expect(observers.total).toBeGreaterThan(0);
    expect(
      observers.people.every((p) => p.memberships.some((m) => m.provider === "astronomer" && m.role === "ORGANIZATION_OBSERVE_MEMBER")),
    ).toBe(true);
    expect(observers.people.every((p) => p.name.length > 0)).toBe(true);
  });

  test("an owner through a team is shown via the team and counts for the last-owner rule", async ({ as }) => {
    test.skip(!V1, "only v1 has Teams");
    const admin = await as("admin");
    await setVariance(["owner-team"]);
    await sync(admin);
    const viaTeam = (await astronomerPeople(admin)).people
      .map((p) => p.memberships.find((m) => m.provider === "astronomer")!)
      .filter((m) => m.status === "active" && m.scopedRoles?.some((s) => s.scope === "organization" && s.role === "ORGANIZATION_OWNER"));
    expect(viaTeam.length).toBeGreaterThan(0);
    expect(viaTeam[0].scopedRoles!.find((s) => s.scope === "organization")).toMatchObject({
      scopeName: "Organization",
      via: { kind: "team", name: "Platform Engineering" },
    });

    // Demote every direct owner: the team still makes someone an owner, so the last one may go too.
    const direct = (await astronomerPeople(admin, "status=active&role=ORGANIZATION_OWNER")).people.map((p) =>
      p.memberships.find((m) => m.provider === "astronomer")!,
    );
    expect(direct.length).toBeGreaterThan(0);
    for (const m of direct) {
      const res = await admin.patch(`/api/members/astronomer/${encodeURIComponent(m.id)}`, {
        data: { role: "ORGANIZATION_MEMBER", confirmSelf: true },
      });
      expect(res.status(), await res.text()).toBe(200);
    }
    // The team's members are now the organization's only owners.
    expect((await astronomerPeople(admin, "status=active&role=ORGANIZATION_OWNER")).total).toBe(0);
  });

  test("an expired invite is not pending and does not block a new invite", async ({ as }) => {
    test.skip(V1, "v1 lists no invites with an expiry");
    const requester = await as("requester");
    const admin = await as("admin");
    await setVariance(["expired-invites"]);
    await sync(admin);
    const res = await fetch(
      `${E2E.sandbox.astronomer}/v1alpha1/organizations/${SANDBOX_ASTRONOMER_ORG_ID}/users?hasInvites=true&limit=1000`,
      { headers: { authorization: "Bearer sandbox" } },
    );
    const { users } = (await res.json()) as { users: Array<{ username: string; invites: Array<{ expiresAt: string }> }> };
    const expired = users.filter((u) => u.invites.every((i) => Date.parse(i.expiresAt) < Date.now())).map((u) => u.username);
    expect(expired.length).toBeGreaterThan(0);

    const pending = (await (await admin.get("/api/invites")).json()) as PendingInvitesResponse;
    expect(pending.invites.filter((i) => i.provider === "astronomer" && expired.includes(i.email))).toEqual([]);
    const listed = await astronomerPeople(admin, `q=${encodeURIComponent(expired[0])}`);
    expect(listed.total).toBe(0);

    const created = await createRequest(requester, [expired[0]], { astronomer: "ORGANIZATION_MEMBER" }, "Their invite expired");
    const approved = await approve(admin, created.request.id);
    expect(approved.request.items.map((i) => i.state)).toEqual(["sent"]);
  });
});
