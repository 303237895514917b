import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { providerError } from "../test-helpers";
import type { Member, ProviderAdapter } from "../types";
import { providerPeople } from "../../sandbox/seed";
import { SANDBOX_ASTRONOMER_ORG_ID } from "./sandbox-org";
import { ASTRONOMER_CAPABILITIES, ROLE, isOwnerRole } from "./adapter";
import { type Harness, startAstronomerHarness } from "./test-harness";

const USERS = 300;
const seed = providerPeople(USERS, 0.3);

const byEmail = (members: Member[], email: string) => members.find((m) => m.email === email)!;

describe("astronomer adapter against the sandbox", () => {
  let h: Harness;
  let adapter: ProviderAdapter;

  beforeAll(async () => {
    h = await startAstronomerHarness({ users: USERS });
    adapter = h.adapter({ pageSize: 25 });
  });
  afterAll(() => h.close());
  beforeEach(() => h.reset());

  it("says who it is signed in as", async () => {
    const me = await adapter.whoami();
    expect(me).toMatchObject({ name: seed[0].name, email: seed[0].email, organization: SANDBOX_ASTRONOMER_ORG_ID });
    expect(adapter.capabilities).toEqual(ASTRONOMER_CAPABILITIES);
  });

  it("lists every member across many pages, with progress", async () => {
    const progress: Array<[number, number | null]> = [];
    const members = await adapter.listMembers({ onProgress: (p) => progress.push([p.fetched, p.total]) });
    expect(members).toHaveLength(USERS);
    expect(new Set(members.map((m) => m.email))).toEqual(new Set(seed.map((p) => p.email)));
    const pages = h.running.requests.filter((r) => r.pattern === "/organizations/{organizationId}/users");
    expect(pages).toHaveLength(USERS / 25);
    expect(new Set(pages.map((r) => new URLSearchParams(r.query).get("offset"))).size).toBe(USERS / 25);
    expect(progress.at(-1)).toEqual([USERS, USERS]);
  });

  it("maps roles, status, kind, managed flag, added time and workspace roles", async () => {
    const members = await adapter.listMembers();
    const [owner, owner2, billing, member] = seed.slice(0, 4).map((p) => byEmail(members, p.email));
    expect([owner.role, owner2.role, billing.role, member.role]).toEqual([
      ROLE.orgOwner,
      ROLE.orgOwner,
      ROLE.orgBillingAdmin,
      ROLE.orgMember,
    ]);
    expect(owner).toMatchObject({ provider: "astronomer", roleId: ROLE.orgOwner, status: "active", kind: "person", name: seed[0].name });
    expect(owner.addedAt).toBe(new Date(seed[0].createdAt).toISOString());
    expect(member.managed).toBe(true);
    expect(owner.managed).toBe(false);
    expect(owner.scopedRoles).toHaveLength(6);
    expect(owner.scopedRoles!.every((r) => r.scope === "workspace" && r.role === ROLE.workspaceOwner && r.scopeName)).toBe(true);
    expect(member.scopedRoles!.map((r) => r.role)).toEqual([ROLE.workspaceAuthor, ROLE.workspaceAuthor]);
    expect(members.some((m) => m.status === "invited")).toBe(true);
    expect(members.every((m) => m.kind === "person")).toBe(true);
  });

  it("keeps requests within the concurrency bound and survives a server that caps `limit`", async () => {
    const slow = await startAstronomerHarness({
      users: 2500,
      handlerDelayMs: 15,
      beforeHandle: (req) => {
        if (Number(req.query.get("limit")) > 40) req.query.set("limit", "40");
      },
    });
    try {
      const members = await slow.adapter({ pageSize: 100 }).listMembers();
      expect(members).toHaveLength(2500);
      expect(new Set(members.map((m) => m.id)).size).toBe(2500);
      expect(slow.maxInFlight()).toBeGreaterThan(1);
      expect(slow.maxInFlight()).toBeLessThanOrEqual(8);
    } finally {
      await slow.close();
    }
  });

  it("lists 2,500 members with the default page size", async () => {
    const big = await startAstronomerHarness({ users: 2500 });
    try {
      const members = await big.adapter().listMembers();
      expect(members).toHaveLength(2500);
      expect(big.running.requests.filter((r) => r.pattern === "/organizations/{organizationId}/users")).toHaveLength(3);
    } finally {
      await big.close();
    }
  });

  it("serves and lists 50,000 members", async () => {
    const started = Date.now();
    const huge = await startAstronomerHarness({ users: 50_000 });
    try {
      expect(Date.now() - started).toBeLessThan(5_000);
      const members = await huge.adapter().listMembers();
      expect(members).toHaveLength(50_000);
      expect(members.filter((m) => m.status === "invited").length).toBeGreaterThan(1_000);
    } finally {
      await huge.close();
    }
  });

  it("lists pending invites, roles and workspaces", async () => {
    const [invites, members, roles, workspaces] = await Promise.all([
      adapter.listInvites(),
      adapter.listMembers(),
      adapter.listRoles(),
      adapter.listWorkspaces(),
    ]);
    const invited = members.filter((m) => m.status === "invited");
    expect(invites.map((i) => i.email).sort()).toEqual(invited.map((m) => m.email).sort());
    for (const invite of invites) {
      expect(invite.role).toBe(byEmail(members, invite.email).role);
      expect(Date.parse(invite.expiresAt!)).toBeGreaterThan(Date.now());
    }
    expect(roles.map((r) => `${r.scope}:${r.id}`)).toEqual([
      "organization:ORGANIZATION_OWNER",
      "organization:ORGANIZATION_BILLING_ADMIN",
      "organization:ORGANIZATION_MEMBER",
      "workspace:WORKSPACE_OWNER",
      "workspace:WORKSPACE_OPERATOR",
      "workspace:WORKSPACE_AUTHOR",
      "workspace:WORKSPACE_MEMBER",
    ]);
    expect(roles.filter((r) => r.isOwner).map((r) => r.id)).toEqual([ROLE.orgOwner]);
    expect(isOwnerRole(ROLE.workspaceOwner)).toBe(false);
    expect(workspaces).toHaveLength(6);
  });

  it("reads one member fresh, and null for an unknown id", async () => {
    const members = await adapter.listMembers();
    const member = byEmail(members, seed[3].email);
    expect(await adapter.getMember(member.id)).toEqual(member);
    expect(await adapter.getMember("clnotauser0000000000000000")).toBeNull();
  });

  it("invites, then revokes, visible in later lists", async () => {
    const invite = await adapter.invite({ email: "new.person@example.com", role: ROLE.orgBillingAdmin });
    expect(invite).toMatchObject({ provider: "astronomer", email: "new.person@example.com", role: ROLE.orgBillingAdmin });
    expect((await adapter.listInvites()).find((i) => i.id === invite!.id)).toMatchObject({ role: ROLE.orgBillingAdmin });
    expect(byEmail(await adapter.listMembers(), "new.person@example.com").status).toBe("invited");

    const again = await providerError(adapter.invite({ email: "new.person@example.com", role: ROLE.orgMember }));
    expect(again).toMatchObject({ status: 400, message: "new.person@example.com already has a pending invite to this organization" });

    await adapter.revokeInvite(invite!.id);
    expect((await adapter.listInvites()).some((i) => i.id === invite!.id)).toBe(false);
    expect((await adapter.listMembers()).some((m) => m.email === "new.person@example.com")).toBe(false);
  });

  it("changes organization and workspace roles", async () => {
    const [workspace] = await adapter.listWorkspaces();
    const member = byEmail(await adapter.listMembers(), seed[3].email);
    await adapter.changeRole({ memberId: member.id, role: ROLE.orgBillingAdmin });
    await adapter.changeRole({ memberId: member.id, role: ROLE.workspaceOperator, workspaceId: workspace.id });
    const after = byEmail(await adapter.listMembers(), seed[3].email);
    expect(after.role).toBe(ROLE.orgBillingAdmin);
    expect(after.scopedRoles!.find((r) => r.scopeId === workspace.id)?.role).toBe(ROLE.workspaceOperator);

    const billing = byEmail(await adapter.listMembers(), seed[2].email);
    const last = billing.scopedRoles!.length;
    await adapter.changeRole({ memberId: billing.id, role: ROLE.workspaceMember, workspaceId: (await adapter.listWorkspaces())[5].id });
    expect((await adapter.getMember(billing.id))!.scopedRoles).toHaveLength(last + 1);
  });

  it("removes from a workspace (200) and from the organization (204)", async () => {
    const [workspace] = await adapter.listWorkspaces();
    const member = byEmail(await adapter.listMembers(), seed[3].email);
    await adapter.removeMember({ memberId: member.id, workspaceId: workspace.id });
    expect((await adapter.getMember(member.id))!.scopedRoles!.some((r) => r.scopeId === workspace.id)).toBe(false);
    await adapter.removeMember({ memberId: member.id });
    expect(await adapter.getMember(member.id)).toBeNull();
    expect(await adapter.listMembers()).toHaveLength(USERS - 1);
    const statuses = h.running.requests.filter((r) => r.method === "DELETE").map((r) => r.status);
    expect(statuses).toEqual([200, 204]);
  });

  it("refuses to demote or remove the last owner", async () => {
    const members = await adapter.listMembers();
    const owners = members.filter((m) => m.role === ROLE.orgOwner && m.status === "active");
    expect(owners.length).toBeGreaterThanOrEqual(2);
    const [keep, ...others] = owners;
    for (const other of others) await adapter.changeRole({ memberId: other.id, role: ROLE.orgMember });

    const demote = await providerError(adapter.changeRole({ memberId: keep.id, role: ROLE.orgMember }));
    expect(demote).toMatchObject({ status: 400, message: "Cannot change the role of the last owner of the organization" });
    const remove = await providerError(adapter.removeMember({ memberId: keep.id }));
    expect(remove).toMatchObject({ status: 400, message: "Cannot remove the last owner of the organization" });
    expect((await adapter.getMember(keep.id))!.role).toBe(ROLE.orgOwner);
  });
});

describe("astronomer adapter errors", () => {
  let h: Harness;
  let adapter: ProviderAdapter;

  beforeAll(async () => {
    h = await startAstronomerHarness({ users: 40 });
    adapter = h.adapter();
  });
  afterAll(() => h.close());
  beforeEach(() => h.reset());

  it("surfaces Astro's own message and request id", async () => {
    const error = await providerError(adapter.revokeInvite("clnoinvite000000000000000"));
    expect(error).toMatchObject({
      provider: "astronomer",
      kind: "http",
      status: 404,
      message: "Invite clnoinvite000000000000000 not found",
    });
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("surfaces validation errors in Astro's 400 shape", async () => {
    const members = await adapter.listMembers();
    const error = await providerError(adapter.changeRole({ memberId: members[5].id, role: "ORGANIZATION_GOD" }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^Invalid role 'ORGANIZATION_GOD': must be one of ORGANIZATION_OWNER/);
    const badEmail = await providerError(adapter.invite({ email: "not-an-email", role: ROLE.orgMember }));
    expect(badEmail).toMatchObject({ status: 400, message: "Invalid inviteeEmail 'not-an-email'" });
  });

  it("refuses another organization with 403", async () => {
    const error = await providerError(h.adapter({}, undefined, "clsomeoneelse0000000000000").listMembers());
    expect(error).toMatchObject({ status: 403, message: "You do not have access to organization clsomeoneelse0000000000000" });
  });
});
