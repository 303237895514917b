import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SANDBOX_ASTRONOMER_ORG_ID } from "./sandbox-org";
import { providerPeople } from "../../sandbox/seed";
import { providerError } from "../test-helpers";
import type { Member, ProviderAdapter } from "../types";
import { astroVersionOf } from "./adapter";
import { ROLE } from "./roles";
import { type Harness, startAstronomerHarness } from "./test-harness";

/** The adapter speaking Astro's v1 API to the sandbox's `/v1`. */

const USERS = 200;
const seed = providerPeople(USERS, 0.3);
const byEmail = (members: Member[], email: string) => members.find((m) => m.email === email)!;

describe("astronomer adapter on the v1 API", () => {
  let h: Harness;
  let adapter: ProviderAdapter;

  beforeAll(async () => {
    h = await startAstronomerHarness({ users: USERS, version: "v1" });
    adapter = h.adapter({ pageSize: 30 });
  });
  afterAll(() => h.close());
  beforeEach(() => h.reset());

  it("follows the base URL's version", () => {
    expect(astroVersionOf("https://api.astronomer.io/v1")).toBe("v1");
    expect(astroVersionOf("https://api.astronomer.io/v1/")).toBe("v1");
    expect(astroVersionOf("https://api.astronomer.io/v1alpha1")).toBe("v1alpha1");
    expect(h.connection.baseUrl).toMatch(/\/v1$/);
  });

  it("says who it is signed in as", async () => {
    expect(await adapter.whoami()).toMatchObject({ name: seed[0].name, email: seed[0].email, organization: SANDBOX_ASTRONOMER_ORG_ID });
  });

  it("lists every member with org roles, direct workspace roles and team-granted ones shown via the team", async () => {
    const members = await adapter.listMembers();
    expect(members).toHaveLength(USERS);
    const [owner, , billing, member] = seed.slice(0, 4).map((p) => byEmail(members, p.email));
    expect([owner.role, billing.role, member.role]).toEqual([ROLE.orgOwner, ROLE.orgBillingAdmin, ROLE.orgMember]);
    expect(owner.scopedRoles!.filter((s) => !s.via)).toHaveLength(6);
    // Founder 2 is in Platform Engineering (operator in the first workspace, author in the third).
    const viaTeam = billing.scopedRoles!.filter((s) => s.via);
    expect(viaTeam.map((s) => [s.role, s.via!.kind, s.via!.name])).toEqual([
      [ROLE.workspaceOperator, "team", "Platform Engineering"],
      [ROLE.workspaceAuthor, "team", "Platform Engineering"],
    ]);
    expect(viaTeam[0].scopeName).toBe("Data Platform");
    expect(member.scopedRoles!.some((s) => s.via?.name === "Analysts" && s.role === ROLE.workspaceMember)).toBe(true);
    expect(members.some((m) => m.status === "invited")).toBe(true);
  });

  it("a team holding the organization owner role makes its members owners through it", async () => {
    await h.setVariance(["owner-team"]);
    const billing = byEmail(await adapter.listMembers(), seed[2].email);
    expect(billing.role).toBe(ROLE.orgBillingAdmin);
    expect(billing.scopedRoles!.filter((s) => s.scope === "organization")).toEqual([
      {
        scope: "organization",
        scopeId: "organization",
        scopeName: "Organization",
        role: ROLE.orgOwner,
        via: expect.objectContaining({ kind: "team", name: "Platform Engineering" }),
      },
    ]);
    // A team that only gives membership adds no organization grant.
    const member = byEmail(await adapter.listMembers(), seed[3].email);
    expect(member.scopedRoles!.some((s) => s.scope === "organization")).toBe(false);
  });

  it("reads one member fresh with their team roles, and null for an unknown id", async () => {
    const billing = await adapter.getMember((await adapter.listMembers()).find((m) => m.email === seed[2].email)!.id);
    expect(billing!.scopedRoles!.filter((s) => s.via).map((s) => s.via!.name)).toEqual(["Platform Engineering", "Platform Engineering"]);
    expect(await adapter.getMember("clnotauser0000000000000000")).toBeNull();
  });

  it("invites: the invitee is listed as a pending invite and an invited member", async () => {
    const invite = await adapter.invite({ email: "new.v1@example.com", role: ROLE.orgObserveMember });
    expect(invite).toMatchObject({ email: "new.v1@example.com", role: ROLE.orgObserveMember });
    // The same id as the listing gives it, so Roster can link the two.
    expect((await adapter.listInvites()).find((i) => i.email === "new.v1@example.com")!.id).toBe(invite!.id);
    expect(byEmail(await adapter.listMembers(), "new.v1@example.com").status).toBe("invited");
  });

  it("changes the org role and one workspace role, resending the rest of the user's roles", async () => {
    const target = byEmail(await adapter.listMembers(), seed[3].email);
    const [first, second] = target.scopedRoles!.filter((s) => !s.via);
    await adapter.changeRole({ memberId: target.id, role: ROLE.orgBillingAdmin });
    await adapter.changeRole({ memberId: target.id, role: ROLE.workspaceOwner, workspaceId: first.scopeId });
    const after = (await adapter.getMember(target.id))!;
    expect(after.role).toBe(ROLE.orgBillingAdmin);
    const direct = after.scopedRoles!.filter((s) => !s.via).map((s) => [s.scopeId, s.role]);
    expect(direct).toEqual([
      [first.scopeId, ROLE.workspaceOwner],
      [second.scopeId, second.role],
    ]);
    const sent = h.running.requests.filter((r) => r.pattern === "/organizations/{organizationId}/users/{userId}/roles").map((r) => r.body);
    expect(sent[1]).toEqual({
      organizationRole: ROLE.orgBillingAdmin,
      workspaceRoles: [
        { workspaceId: second.scopeId, role: second.role },
        { workspaceId: first.scopeId, role: ROLE.workspaceOwner },
      ],
    });
  });

  it("removes from a workspace by resending the roles without it; cannot remove from the organization", async () => {
    const target = byEmail(await adapter.listMembers(), seed[3].email);
    const [first] = target.scopedRoles!.filter((s) => !s.via);
    await adapter.removeMember({ memberId: target.id, workspaceId: first.scopeId });
    expect((await adapter.getMember(target.id))!.scopedRoles!.filter((s) => !s.via).map((s) => s.scopeId)).not.toContain(first.scopeId);
    expect((await providerError(adapter.removeMember({ memberId: target.id, workspaceId: first.scopeId }))).status).toBe(404);
    expect(adapter.capabilities).toMatchObject({ removeFromOrganization: false, revokeInvite: false });
    expect((await providerError(adapter.removeMember({ memberId: target.id }))).message).toMatch(
      /cannot remove a user from the organization/,
    );
  });

  it("refuses to demote the last owner (the sandbox enforces it too)", async () => {
    const members = await adapter.listMembers();
    const owners = members.filter((m) => m.role === ROLE.orgOwner && m.status === "active");
    for (const o of owners.slice(1)) await adapter.changeRole({ memberId: o.id, role: ROLE.orgMember });
    expect((await providerError(adapter.changeRole({ memberId: owners[0].id, role: ROLE.orgMember }))).status).toBe(400);
  });

  it("offers the v1 roles, Observe and workspace accessor included", async () => {
    const roles = (await adapter.listRoles()).map((r) => r.id);
    expect(roles).toEqual(expect.arrayContaining([ROLE.orgObserveAdmin, ROLE.orgObserveMember, ROLE.workspaceAccessor]));
  });
});
