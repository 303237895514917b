import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { poolPerson } from "../../sandbox/seed";
import { providerError } from "../test-helpers";
import type { Member } from "../types";
import { ARTHUR_ROLE_NAMES } from "./adapter";
import { LAST_OWNER_MESSAGE, SANDBOX_ME_ID, SANDBOX_ORGANIZATION, SANDBOX_ROLE_IDS } from "./sandbox";
import { type ArthurHarness, startArthurHarness } from "./test-harness";
import { SANDBOX_GROUPS } from "./sandbox-groups";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const { admin, member, readOnly } = SANDBOX_ROLE_IDS;

let h: ArthurHarness;
beforeAll(async () => {
  h = await startArthurHarness(240);
});
afterEach(() => h.reset());
afterAll(() => h.close());

const byEmail = (members: Member[], email: string) => members.find((m) => m.email?.toLowerCase() === email.toLowerCase());
const requestsTo = (method: string, pattern: string) => h.running.requests.filter((r) => r.method === method && r.pattern === pattern);

describe("reads", () => {
  it("whoami is the sandbox's own service account and its organization", async () => {
    expect(await h.adapter.whoami()).toEqual({ id: SANDBOX_ME_ID, name: "Roster", email: null, organization: SANDBOX_ORGANIZATION.name });
  });

  it("lists every seeded account with role, status, kind, managed and addedAt mapped", async () => {
    const members = await h.adapter.listMembers();
    expect(members).toHaveLength(240);
    expect(new Set(members.map((m) => m.id)).size).toBe(240);

    const founder = poolPerson(0);
    expect(byEmail(members, founder.email)).toMatchObject({
      provider: "arthur",
      email: founder.email,
      name: founder.name,
      role: ARTHUR_ROLE_NAMES.admin,
      roleId: admin,
      status: "active",
      kind: "person",
      addedAt: founder.createdAt,
      managed: false,
    });
    expect(byEmail(members, poolPerson(3).email)).toMatchObject({ role: ARTHUR_ROLE_NAMES.readOnly, roleId: readOnly });

    const me = members.find((m) => m.id === SANDBOX_ME_ID)!;
    expect(me).toMatchObject({ kind: "service_account", email: null, name: "Roster", role: ARTHUR_ROLE_NAMES.admin });
    expect(members.filter((m) => m.kind === "service_account")).toHaveLength(6);

    for (const m of members) {
      const binding = h.definition.state.userBindings(m.id)[0];
      expect(m.bindingId).toBe(binding.id);
      expect(m.role).toBe(binding.role.name);
      expect(m.id).toMatch(UUID);
    }
  });

  it("keeps emails as given and names without a last name", async () => {
    const members = await h.adapter.listMembers();
    const capitalised = members.find((m) => m.email && /[A-Z]/.test(m.email))!;
    expect(capitalised.email).toBe(h.definition.state.user(capitalised.id)!.email);
    const noLastName = members.find((m) => m.kind === "person" && h.definition.state.user(m.id)!.last_name === null)!;
    expect(noLastName.name).toBe(h.definition.state.user(noLastName.id)!.first_name);
  });

  it("asks for people and service accounts only, at the largest page size, oldest first (a stable order)", async () => {
    await h.adapter.listMembers();
    const [users] = requestsTo("GET", "/api/v1/organization/users");
    expect(users.query).toEqual([
      ["sort", "created_at"],
      ["order", "asc"],
      ["user_types", "user"],
      ["user_types", "service_account"],
      ["page", "1"],
      ["page_size", "1000"],
    ]);
    // User and group bindings in one listing: a group's role is every member's too.
    const [bindings] = requestsTo("GET", "/api/v1/organization/role_bindings");
    expect(bindings.query).toEqual([
      ["user_types", "user"],
      ["user_types", "service_account"],
      ["page", "1"],
      ["page_size", "1000"],
    ]);
    expect(requestsTo("GET", "/api/v1/organization/group_memberships")).toHaveLength(1);
  });

  it("lists organization roles with the owner flag, leaving out workspace and project roles", async () => {
    const roles = await h.adapter.listRoles();
    expect(roles.map((r) => [r.name, r.isOwner, r.scope])).toEqual([
      [ARTHUR_ROLE_NAMES.admin, true, "organization"],
      [ARTHUR_ROLE_NAMES.member, false, "organization"],
      [ARTHUR_ROLE_NAMES.readOnly, false, "organization"],
    ]);
    expect(roles.map((r) => r.id)).toEqual([admin, member, readOnly]);
  });

  it("lists workspaces; has no invite list", async () => {
    expect((await h.adapter.listWorkspaces()).map((w) => w.name)).toEqual(["Forecasting", "Fraud Models", "Support Agents"]);
    expect(await h.adapter.listInvites()).toEqual([]);
    expect(h.adapter.capabilities).toEqual({
      groups: "manage",
      listInvites: false,
      revokeInvite: false,
      workspaceRoles: false,
      serviceAccounts: true,
    });
  });

  it("gets one member by id, null for an unknown id, and Arthur's 422 for a malformed one", async () => {
    const members = await h.adapter.listMembers();
    const someone = members[17];
    expect(await h.adapter.getMember(someone.id)).toEqual(someone);
    expect(await h.adapter.getMember("00000000-0000-4000-8000-000000000000")).toBeNull();
    const error = await providerError(h.adapter.getMember("not-a-uuid"));
    expect(error.status).toBe(422);
    expect(error.message).toBe("query.user_ids.0: Input should be a valid UUID");
  });
});

describe("pagination", () => {
  it("fetches page 1, then the rest in parallel, at most 8 at a time, reporting progress", async () => {
    const big = await startArthurHarness(9500, { handlerDelayMs: 15 });
    try {
      const progress: Array<[number, number | null]> = [];
      const members = await big.adapter.listMembers({ onProgress: (p) => progress.push([p.fetched, p.total]) });
      expect(members).toHaveLength(9500);
      expect(new Set(members.map((m) => m.id)).size).toBe(9500);
      const pages = big.running.requests
        .filter((r) => r.pattern === "/api/v1/organization/users")
        .map((r) => r.query.find(([k]) => k === "page")![1]);
      expect(pages[0]).toBe("1");
      expect([...pages].sort((a, b) => Number(a) - Number(b))).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
      expect(big.maxInFlight()).toBeGreaterThan(1);
      expect(big.maxInFlight()).toBeLessThanOrEqual(8);
      expect(progress.at(-1)).toEqual([9500, 9500]);
      expect(progress.map(([fetched]) => fetched)).toEqual([...progress.map(([fetched]) => fetched)].sort((a, b) => a - b));
    } finally {
      await big.close();
    }
  });

  it("lists all 2,500 members of a larger organization, each with its role", async () => {
    const big = await startArthurHarness(2500);
    try {
      const members = await big.adapter.listMembers();
      expect(members).toHaveLength(2500);
      expect(members.every((m) => m.role && m.bindingId)).toBe(true);
      expect(big.running.requests.filter((r) => r.pattern === "/api/v1/organization/role_bindings")).toHaveLength(3);
    } finally {
      await big.close();
    }
  });
});

describe("changes", () => {
  it("invites with an organization role binding; the new user shows in the next list", async () => {
    expect(await h.adapter.invite({ email: "new.person@example.com", role: member })).toBeNull();
    const [sent] = requestsTo("POST", "/api/v1/organization/users/invite-user");
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({
      email: "new.person@example.com",
      role_binding: { role_id: member, bound_resource_kind: "organization", resource_id: SANDBOX_ORGANIZATION.id },
    });
    expect(byEmail(await h.adapter.listMembers(), "new.person@example.com")).toMatchObject({
      name: "new.person@example.com",
      role: ARTHUR_ROLE_NAMES.member,
      kind: "person",
    });
  });

  it("surfaces Arthur's 400 for an existing email and its 422 naming the field", async () => {
    const taken = await providerError(h.adapter.invite({ email: poolPerson(1).email, role: member }));
    expect([taken.status, taken.message]).toEqual([400, "A user with this email already exists"]);
    const invalid = await providerError(h.adapter.invite({ email: "not-an-email", role: member }));
    expect([invalid.status, invalid.message]).toEqual([422, "email: value is not a valid email address"]);
  });

  it("changes a role by deleting the binding and creating a new one", async () => {
    const before = byEmail(await h.adapter.listMembers(), poolPerson(2).email)!;
    await h.adapter.changeRole({ memberId: before.id, role: readOnly });
    const order = h.running.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
    expect(order).toEqual([`DELETE /api/v1/role_bindings/${before.bindingId}`, "POST /api/v1/organization/role_bindings"]);
    const after = await h.adapter.getMember(before.id);
    expect(after).toMatchObject({ role: ARTHUR_ROLE_NAMES.readOnly, roleId: readOnly });
    expect(after!.bindingId).not.toBe(before.bindingId);
    expect(byEmail(await h.adapter.listMembers(), poolPerson(2).email)!.role).toBe(ARTHUR_ROLE_NAMES.readOnly);
  });

  it("does nothing when the member already has the role", async () => {
    const someone = byEmail(await h.adapter.listMembers(), poolPerson(2).email)!;
    await h.adapter.changeRole({ memberId: someone.id, role: member });
    expect(h.running.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("puts the old role back when the new binding fails", async () => {
    const someone = byEmail(await h.adapter.listMembers(), poolPerson(2).email)!;
    h.running.faults.add({
      method: "POST",
      route: "/api/v1/organization/role_bindings",
      status: 500,
      message: "Binding store offline",
      times: 1,
    });
    const error = await providerError(h.adapter.changeRole({ memberId: someone.id, role: admin }));
    expect([error.status, error.message]).toEqual([500, "Binding store offline"]);
    expect(await h.adapter.getMember(someone.id)).toMatchObject({ role: ARTHUR_ROLE_NAMES.member });
  });

  it("removes a member (204); a later list no longer has them", async () => {
    const someone = byEmail(await h.adapter.listMembers(), poolPerson(3).email)!;
    await h.adapter.removeMember({ memberId: someone.id });
    expect(requestsTo("DELETE", "/api/v1/users/{user_id}")[0].status).toBe(204);
    const members = await h.adapter.listMembers();
    expect(members).toHaveLength(239);
    expect(members.find((m) => m.id === someone.id)).toBeUndefined();
    expect(await h.adapter.getMember(someone.id)).toBeNull();
    const gone = await providerError(h.adapter.removeMember({ memberId: someone.id }));
    expect([gone.status, gone.message]).toEqual([404, "User not found"]);
  });

  it("refuses to demote or remove the organization's last admin", async () => {
    const owners = (await h.adapter.listMembers()).filter((m) => m.roleId === admin);
    expect(owners.length).toBeGreaterThanOrEqual(3);
    const [last, ...others] = owners.filter((m) => m.kind === "person");
    for (const owner of [...others, owners.find((m) => m.id === SANDBOX_ME_ID)!]) {
      await h.adapter.changeRole({ memberId: owner.id, role: member });
    }
    const demote = await providerError(h.adapter.changeRole({ memberId: last.id, role: member }));
    expect([demote.status, demote.message]).toEqual([400, LAST_OWNER_MESSAGE]);
    const remove = await providerError(h.adapter.removeMember({ memberId: last.id }));
    expect([remove.status, remove.message]).toEqual([400, LAST_OWNER_MESSAGE]);
    expect(await h.adapter.getMember(last.id)).toMatchObject({ roleId: admin });
  });

  it("says clearly what Arthur cannot do", async () => {
    const revoke = await providerError(h.adapter.revokeInvite("anything"));
    expect([revoke.kind, revoke.status, revoke.message]).toEqual(["http", 501, "Arthur has no API to revoke invites"]);
    const scoped = await providerError(h.adapter.changeRole({ memberId: SANDBOX_ME_ID, role: member, workspaceId: "w" }));
    expect(scoped.status).toBe(501);
    expect(h.running.requests).toEqual([]);
  });
});

describe("groups", () => {
  const { dataScience, dataTeam } = SANDBOX_GROUPS;
  const via = (group: { id: string; name: string }) => ({ kind: "group", id: group.id, name: group.name });
  const inGroup = (group: { id: string }) => h.definition.state.groups.userIds(group.id);
  const outsider = () =>
    h.definition.state
      .listUsers({ sort: "created_at", order: "asc", types: ["user"] })
      .find((u) => !inGroup(dataScience).includes(u.id) && !inGroup(dataTeam).includes(u.id))!.id;

  it("gives every member of a group the group's organization role, via the group, beside their own", async () => {
    const members = await h.adapter.listMembers();
    const owner = members.find((m) => m.id === inGroup(dataTeam)[0])!;
    expect(owner).toMatchObject({ role: ARTHUR_ROLE_NAMES.readOnly });
    expect(owner.scopedRoles).toEqual([
      {
        scope: "organization",
        scopeId: SANDBOX_ORGANIZATION.id,
        scopeName: SANDBOX_ORGANIZATION.name,
        role: ARTHUR_ROLE_NAMES.admin,
        via: via(dataTeam),
      },
    ]);
    expect(members.find((m) => m.id === inGroup(dataScience)[1])!.scopedRoles).toEqual([
      expect.objectContaining({ role: ARTHUR_ROLE_NAMES.member, via: via(dataScience) }),
    ]);
    expect(members.filter((m) => m.scopedRoles?.length)).toHaveLength(dataScience.people.length + dataTeam.people.length);
    expect(await h.adapter.getMember(owner.id)).toEqual(owner);
  });

  it("lists groups with their members and grants, and adds and removes a member with the spec's body", async () => {
    expect(await h.adapter.listGroups!()).toEqual([
      {
        id: dataScience.id,
        name: "Data Science",
        kind: "group",
        memberIds: inGroup(dataScience),
        roles: [expect.objectContaining({ role: ARTHUR_ROLE_NAMES.member })],
      },
      {
        id: dataTeam.id,
        name: "data-team",
        kind: "group",
        memberIds: inGroup(dataTeam),
        roles: [expect.objectContaining({ role: ARTHUR_ROLE_NAMES.admin })],
      },
    ]);
    const [owner, someone] = [inGroup(dataTeam)[0], outsider()];
    expect(inGroup(dataScience)).toHaveLength(dataScience.people.length);
    await h.adapter.addToGroup!({ memberId: someone, groupId: dataTeam.id });
    expect(requestsTo("POST", "/api/v1/groups/{group_id}/users")[0].body).toEqual({ user_ids: [someone] });
    expect((await h.adapter.getMember(someone))!.scopedRoles).toEqual([
      expect.objectContaining({ role: ARTHUR_ROLE_NAMES.admin, via: via(dataTeam) }),
    ]);
    await h.adapter.removeFromGroup!({ memberId: owner, groupId: dataTeam.id });
    expect(requestsTo("DELETE", "/api/v1/groups/{group_id}/users")[0].body).toEqual({ user_ids: [owner] });
    expect((await h.adapter.getMember(owner))!.scopedRoles).toBeUndefined();
  });

  it("answers a group it does not have with Arthur's 404", async () => {
    const error = await providerError(h.adapter.addToGroup!({ memberId: outsider(), groupId: "00000000-0000-4000-8000-000000000000" }));
    expect(error).toMatchObject({ status: 404, message: expect.stringContaining("Group not found") });
  });
});
