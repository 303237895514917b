import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { poolPerson } from "../../sandbox/seed";
import { providerError } from "../test-helpers";
import type { ListProgress, Member } from "../types";
import { type OpenAITestSandbox, startOpenAISandbox } from "./test-sandbox";

let sb: OpenAITestSandbox;
beforeAll(async () => {
  sb = await startOpenAISandbox(240);
});
afterAll(() => sb.running.close());
beforeEach(() => sb.reset());

const byEmail = (members: Member[], email: string) => members.find((m) => m.email === email);
const requestsTo = (pattern: string, method = "GET") => sb.running.requests.filter((r) => r.pattern === pattern && r.method === method);

describe("members", () => {
  it("maps users to members: role, status, kind, managed, addedAt", async () => {
    const members = await sb.adapter.listMembers();
    const founder = byEmail(members, poolPerson(0).email)!;
    expect(founder).toMatchObject({
      provider: "openai",
      name: poolPerson(0).name,
      role: "owner",
      roleId: "owner",
      status: "active",
      kind: "person",
      managed: false,
    });
    expect(founder.id).toMatch(/^user-/);
    expect(Date.parse(founder.addedAt!)).toBe(Date.parse(poolPerson(0).createdAt));
    expect(founder.addedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(byEmail(members, poolPerson(3).email)).toMatchObject({ role: "reader", managed: true });

    expect(new Set(members.map((m) => m.status))).toEqual(new Set(["active"]));
    expect(new Set(members.map((m) => m.role))).toEqual(new Set(["owner", "reader"]));
    expect(members.filter((m) => m.role === "owner").length).toBeGreaterThanOrEqual(2);

    const serviceAccounts = members.filter((m) => m.kind === "service_account");
    expect(serviceAccounts.length).toBeGreaterThan(0);
    for (const account of serviceAccounts) expect(account).toMatchObject({ email: null, name: expect.stringMatching(/^svc-/) });
    const wire = await sb.raw("GET", `/organization/users/${serviceAccounts[0].id}`);
    expect(wire.body).toMatchObject({ is_service_account: true, email: null });
  });

  it("reads every page, 100 at a time, reporting progress", async () => {
    const progress: ListProgress[] = [];
    const members = await sb.adapter.listMembers({ onProgress: (p) => progress.push(p) });
    expect(members).toHaveLength(240);
    expect(new Set(members.map((m) => m.id)).size).toBe(240);
    expect(requestsTo("/organization/users").map((r) => r.query.find(([k]) => k === "limit")?.[1])).toEqual(["100", "100", "100"]);
    expect(progress).toEqual([
      { fetched: 100, total: null },
      { fetched: 200, total: null },
      { fetched: 240, total: 240 },
    ]);
  });

  it("reads 2,500 users across 25 sequential cursor pages", async () => {
    const big = await startOpenAISandbox(2500);
    try {
      const members = await big.adapter.listMembers();
      expect(members).toHaveLength(2500);
      expect(new Set(members.map((m) => m.id)).size).toBe(2500);
      const pages = big.running.requests.filter((r) => r.pattern === "/organization/users");
      expect(pages).toHaveLength(25);
      expect(pages[0].query.some(([k]) => k === "after")).toBe(false);
      expect(pages.slice(1).every((r) => r.query.some(([k]) => k === "after"))).toBe(true);
    } finally {
      await big.running.close();
    }
  });

  it("gets one member, or null when there is none", async () => {
    const [first] = await sb.adapter.listMembers();
    expect(await sb.adapter.getMember(first.id)).toEqual(first);
    expect(await sb.adapter.getMember("user-doesnotexist")).toBeNull();
  });
});

describe("invites, roles, workspaces, identity", () => {
  it("lists only pending invites, with sent and expiry times", async () => {
    const wire = (await sb.raw("GET", "/organization/invites?limit=100")).body as {
      data: Array<{ id: string; status: string }>;
      has_more: boolean;
    };
    expect(wire.has_more).toBe(false);
    expect(new Set(wire.data.map((i) => i.status))).toEqual(new Set(["accepted", "expired", "pending"]));

    const invites = await sb.adapter.listInvites();
    expect(invites.map((i) => i.id).sort()).toEqual(
      wire.data
        .filter((i) => i.status === "pending")
        .map((i) => i.id)
        .sort(),
    );
    for (const invite of invites) {
      expect(invite).toMatchObject({ provider: "openai", role: expect.stringMatching(/^(owner|reader)$/) });
      expect(Date.parse(invite.expiresAt!)).toBeGreaterThan(Date.parse(invite.createdAt!));
    }
    const memberEmails = new Set((await sb.adapter.listMembers()).map((m) => m.email));
    expect(invites.some((i) => memberEmails.has(i.email))).toBe(false);
  });

  it("lists the two organization roles and the two project roles; owner is the owner role of each", async () => {
    expect(await sb.adapter.listRoles()).toEqual([
      expect.objectContaining({ id: "owner", name: "owner", scope: "organization", isOwner: true, adminLevel: true }),
      expect.objectContaining({ id: "reader", name: "reader", scope: "organization", isOwner: false, adminLevel: false }),
      expect.objectContaining({ id: "owner", name: "owner", scope: "workspace", isOwner: true, adminLevel: true }),
      expect.objectContaining({ id: "member", name: "member", scope: "workspace", isOwner: false, adminLevel: false }),
    ]);
    expect(sb.adapter.capabilities).toEqual({
      listInvites: true,
      revokeInvite: true,
      workspaceRoles: true,
      serviceAccounts: false,
      addToWorkspace: true,
    });
  });

  it("whoami is the owner of the admin key in use", async () => {
    const members = await sb.adapter.listMembers();
    const founder = byEmail(members, poolPerson(0).email)!;
    expect(await sb.adapter.whoami()).toEqual({ id: founder.id, name: founder.name, email: founder.email, organization: null });
  });
});

describe("changes show in later reads", () => {
  it("invites, then revokes", async () => {
    const invite = await sb.adapter.invite({ email: "new.person@example.com", role: "reader" });
    expect(invite).toMatchObject({ provider: "openai", email: "new.person@example.com", role: "reader" });
    expect((await sb.adapter.listInvites()).map((i) => i.id)).toContain(invite!.id);

    await sb.adapter.revokeInvite(invite!.id);
    expect((await sb.adapter.listInvites()).map((i) => i.id)).not.toContain(invite!.id);
  });

  it("invites into the chosen projects only (none chosen: none, not the default project); the invitee joins them on accepting", async () => {
    const plain = await sb.adapter.invite({ email: "no.projects@example.com", role: "reader" });
    const chosen = await sb.adapter.invite({
      email: "two.projects@example.com",
      role: "reader",
      projects: [
        { id: "proj_research", role: "owner" },
        { id: "proj_support", role: "member" },
      ],
    });
    expect(requestsTo("/organization/invites", "POST").map((r) => r.body)).toEqual([
      { email: "no.projects@example.com", role: "reader", projects: [] },
      {
        email: "two.projects@example.com",
        role: "reader",
        projects: [
          { id: "proj_research", role: "owner" },
          { id: "proj_support", role: "member" },
        ],
      },
    ]);
    await expect(
      sb.adapter.invite({ email: "bad.project.role@example.com", role: "reader", projects: [{ id: "proj_research", role: "reader" }] }),
    ).rejects.toThrow(/not an OpenAI project role/);

    const accept = (id: string) => sb.definition.control!("POST", "/__sandbox/openai/accept-invite", { id });
    const joined = accept(chosen!.id)!.body as { id: string };
    const member = await sb.adapter.getMember(joined.id);
    expect(member?.scopedRoles?.map((s) => [s.scopeId, s.role])).toEqual([
      ["proj_research", "owner"],
      ["proj_support", "member"],
    ]);
    const alone = accept(plain!.id)!.body as { id: string };
    expect((await sb.adapter.getMember(alone.id))?.scopedRoles ?? []).toEqual([]);
    expect(accept(plain!.id)!.status, "an invite is accepted once").toBe(400);
  });

  it("changes a role", async () => {
    const reader = (await sb.adapter.listMembers()).find((m) => m.role === "reader" && m.kind === "person")!;
    await sb.adapter.changeRole({ memberId: reader.id, role: "owner" });
    expect((await sb.adapter.getMember(reader.id))?.role).toBe("owner");
    expect((await sb.adapter.listMembers()).find((m) => m.id === reader.id)?.role).toBe("owner");
    expect(requestsTo("/organization/users/{user_id}", "POST").map((r) => r.body)).toEqual([{ role: "owner" }]);
  });

  it("removes a member", async () => {
    const [, , third] = await sb.adapter.listMembers();
    await sb.adapter.removeMember({ memberId: third.id });
    const after = await sb.adapter.listMembers();
    expect(after).toHaveLength(239);
    expect(after.map((m) => m.id)).not.toContain(third.id);
    expect(await sb.adapter.getMember(third.id)).toBeNull();
  });
});

describe("refusals and errors carry the provider's message", () => {
  it("refuses to demote or remove the last owner", async () => {
    const owners = (await sb.adapter.listMembers()).filter((m) => m.role === "owner");
    for (const owner of owners.slice(1)) await sb.adapter.changeRole({ memberId: owner.id, role: "reader" });
    const last = owners[0];

    const demote = await providerError(sb.adapter.changeRole({ memberId: last.id, role: "reader" }));
    expect(demote).toMatchObject({ provider: "openai", kind: "http", status: 400 });
    expect(demote.message).toMatch(/last owner/);
    const remove = await providerError(sb.adapter.removeMember({ memberId: last.id }));
    expect(remove).toMatchObject({ status: 400, message: expect.stringMatching(/last owner/) });
    expect((await sb.adapter.getMember(last.id))?.role).toBe("owner");
  });

  it("refuses to revoke an accepted invite, and to invite a member or a pending invitee twice", async () => {
    const wire = (await sb.raw("GET", "/organization/invites?limit=100")).body as {
      data: Array<{ id: string; status: string; email: string }>;
    };
    const accepted = wire.data.find((i) => i.status === "accepted")!;
    expect((await providerError(sb.adapter.revokeInvite(accepted.id))).message).toMatch(/already been accepted/);

    const member = await providerError(sb.adapter.invite({ email: poolPerson(1).email, role: "reader" }));
    expect(member).toMatchObject({ status: 400, message: expect.stringMatching(/already a member/) });
    const pending = wire.data.find((i) => i.status === "pending")!;
    expect((await providerError(sb.adapter.invite({ email: pending.email, role: "owner" }))).message).toMatch(/already pending/);
  });

  it("surfaces a 404 message", async () => {
    const error = await providerError(sb.adapter.changeRole({ memberId: "user-nobody", role: "reader" }));
    expect(error).toMatchObject({ kind: "http", status: 404, message: "No such user: user-nobody" });
    expect((await providerError(sb.adapter.revokeInvite("invite-nope"))).message).toBe("No such invite: invite-nope");
  });

  it("refuses roles OpenAI does not have, in the organization and in a project, without calling the API", async () => {
    const [member] = await sb.adapter.listMembers();
    sb.running.requests.length = 0;
    expect(await providerError(sb.adapter.changeRole({ memberId: member.id, role: "member" }))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/owner or reader/),
    });
    expect(await providerError(sb.adapter.invite({ email: "x@example.com", role: "admin" }))).toMatchObject({ status: 400 });
    expect(await providerError(sb.adapter.changeRole({ memberId: member.id, role: "reader", workspaceId: "proj_research" }))).toMatchObject(
      { status: 400, message: expect.stringMatching(/owner or member/) },
    );
    expect(sb.running.requests).toEqual([]);
  });

  it("surfaces the sandbox's refusals of project changes: unknown project, not in it, already in it", async () => {
    const [member] = await sb.adapter.listMembers();
    expect(await providerError(sb.adapter.changeRole({ memberId: member.id, role: "owner", workspaceId: "proj_nope" }))).toMatchObject({
      status: 404,
      message: "No such project: proj_nope",
    });
    expect(
      await providerError(sb.adapter.changeRole({ memberId: member.id, role: "member", workspaceId: "proj_default", add: true })),
    ).toMatchObject({ status: 400, message: expect.stringMatching(/already a member/) });
    const outsider = (await sb.adapter.listMembers()).find(
      (m) => m.kind === "person" && !m.scopedRoles?.some((s) => s.scopeId === "proj_support"),
    )!;
    expect(await providerError(sb.adapter.removeMember({ memberId: outsider.id, workspaceId: "proj_support" }))).toMatchObject({
      status: 404,
    });
  });
});

describe("projects", () => {
  it("lists active projects as workspaces of kind project (archived ones left out)", async () => {
    expect(await sb.adapter.listWorkspaces()).toEqual([
      { id: "proj_default", name: "Default project", kind: "project" },
      { id: "proj_research", name: "Research", kind: "project" },
      { id: "proj_support", name: "Support assistant", kind: "project" },
    ]);
    expect(requestsTo("/organization/projects").map((r) => r.query)).toEqual([[["limit", "100"]]]);
  });

  it("reads each project's users into scopedRoles (scope project), with their project role", async () => {
    const members = await sb.adapter.listMembers();
    const founder1 = byEmail(members, poolPerson(1).email)!;
    expect(founder1.scopedRoles).toEqual([
      { scope: "project", scopeId: "proj_default", scopeName: "Default project", role: "owner" },
      { scope: "project", scopeId: "proj_research", scopeName: "Research", role: "owner" },
    ]);
    expect(byEmail(members, poolPerson(2).email)!.scopedRoles).toContainEqual({
      scope: "project",
      scopeId: "proj_support",
      scopeName: "Support assistant",
      role: "owner",
    });
    expect(members.filter((m) => m.scopedRoles?.some((s) => s.scopeId === "proj_legacy"))).toEqual([]);
    expect(members.filter((m) => (m.scopedRoles?.length ?? 0) === 0).length).toBeGreaterThan(100);
    // One page of projects and one page of users per active project: the archived one is never asked for.
    expect(
      requestsTo("/organization/projects/{project_id}/users")
        .map((r) => r.path.split("/")[3])
        .sort(),
    ).toEqual(["proj_default", "proj_research", "proj_support"]);
  });

  it("adds a member to a project, changes their project role and removes them, as the spec's calls", async () => {
    const outsider = (await sb.adapter.listMembers()).find((m) => m.kind === "person" && !m.scopedRoles?.length)!;
    await sb.adapter.changeRole({ memberId: outsider.id, role: "member", workspaceId: "proj_research", add: true });
    expect(requestsTo("/organization/projects/{project_id}/users", "POST").map((r) => r.body)).toEqual([
      { user_id: outsider.id, role: "member" },
    ]);
    expect((await sb.adapter.getMember(outsider.id))!.scopedRoles).toEqual([
      { scope: "project", scopeId: "proj_research", scopeName: "Research", role: "member" },
    ]);

    await sb.adapter.changeRole({ memberId: outsider.id, role: "owner", workspaceId: "proj_research" });
    expect(requestsTo("/organization/projects/{project_id}/users/{user_id}", "POST").map((r) => r.body)).toEqual([{ role: "owner" }]);
    expect((await sb.adapter.getMember(outsider.id))!.scopedRoles).toEqual([
      { scope: "project", scopeId: "proj_research", scopeName: "Research", role: "owner" },
    ]);

    await sb.adapter.removeMember({ memberId: outsider.id, workspaceId: "proj_research" });
    expect(requestsTo("/organization/projects/{project_id}/users/{user_id}", "DELETE")).toHaveLength(1);
    expect((await sb.adapter.getMember(outsider.id))!.scopedRoles).toBeUndefined();
    // Still in the organization.
    expect((await sb.adapter.getMember(outsider.id))!.role).toBe("reader");
  });

  it("keeps 10,000 members' projects to a few extra requests", async () => {
    const big = await startOpenAISandbox(10_000);
    try {
      await big.adapter.listMembers();
      const projectCalls = big.running.requests.filter((r) => r.pattern?.startsWith("/organization/projects"));
      expect(big.running.requests.filter((r) => r.pattern === "/organization/users")).toHaveLength(100);
      expect(projectCalls).toHaveLength(4);
    } finally {
      await big.running.close();
    }
  });
});
