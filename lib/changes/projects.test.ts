import { beforeEach, describe, expect, it } from "vitest";
import { withSandboxWorld } from "../testing/sandbox-world";

/**
 * Project roles (OpenAI) through Roster's change service: add to a project, change the
 * project role, remove from it, the last-project-owner rule (before any provider call) and
 * the two-person rule for a project owner. Real sandboxes, real database (PGlite).
 */
const world = withSandboxWorld("projects", { sandbox: "all", port: process.env.ROSTER_PROJECTS_TEST_PORT ?? "6010" });

const { listAudit } = await import("../audit/log");
const { changeRole, removeMember } = await import("./members");
const { snapshotMembers } = await import("../directory/snapshot");

// Admin-level grants wait for a second admin unless direct invites are allowed: this suite checks both.
const openai = () => world.running("openai");
const projectCalls = () => openai().requests.filter((r) => r.path.includes("/organization/projects/") && r.method !== "GET");
const ctx = world.ctx;
const inProject = (projectId: string) =>
  snapshotMembers("openai").filter((m) => m.scopedRoles?.some((s) => s.scopeId === projectId && !s.via));
const roleIn = (memberId: string, projectId: string) =>
  snapshotMembers("openai")
    .find((m) => m.id === memberId)
    ?.scopedRoles?.find((s) => s.scopeId === projectId)?.role ?? null;

beforeEach(() => {
  openai().requests.length = 0;
});

describe("OpenAI project roles through the change service", () => {
  it("reads project roles into the snapshot, as scope project", () => {
    expect(inProject("proj_support").map((m) => roleIn(m.id, "proj_support"))).toContain("owner");
    const grant = snapshotMembers("openai")
      .flatMap((m) => m.scopedRoles ?? [])
      .find((s) => s.scopeId === "proj_research")!;
    expect(grant).toMatchObject({ scope: "project", scopeName: "Research" });
  });

  it("adds a member to a project, changes their project role and removes them, each audited", async () => {
    const outsider = snapshotMembers("openai").find((m) => m.kind === "person" && !m.scopedRoles?.length)!;
    const added = await changeRole(ctx("add"), {
      provider: "openai",
      memberId: outsider.id,
      role: "member",
      workspaceId: "proj_research",
      add: true,
    });
    expect(added).toMatchObject({ ok: true, before: { role: null, project: "Research" }, after: { role: "member", project: "Research" } });
    expect(roleIn(outsider.id, "proj_research")).toBe("member");
    expect(projectCalls().map((r) => `${r.method} ${r.path}`)).toEqual(["POST /organization/projects/proj_research/users"]);

    await expect(
      changeRole(ctx("again"), { provider: "openai", memberId: outsider.id, role: "member", workspaceId: "proj_research", add: true }),
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/already in the project Research/),
    });

    const removed = await removeMember(ctx("remove"), { provider: "openai", memberId: outsider.id, workspaceId: "proj_research" });
    expect(removed).toMatchObject({ ok: true, before: { role: "member", project: "Research" } });
    expect(roleIn(outsider.id, "proj_research")).toBeNull();
    expect(snapshotMembers("openai").some((m) => m.id === outsider.id)).toBe(true);

    const { events } = await listAudit({ provider: "openai", action: "remove_member", page: 1, pageSize: 5 });
    expect(events.find((e) => e.outcome === "success")?.description).toMatch(/from project Research on OpenAI \(was Member\)/);
  });

  it("refuses to demote or remove a project's last owner before any provider call", async () => {
    const owners = inProject("proj_support").filter((m) => roleIn(m.id, "proj_support") === "owner");
    expect(owners).toHaveLength(1);
    const [owner] = owners;
    const refusal = {
      status: 409,
      code: "last_owner",
      message: expect.stringMatching(/last owner of the OpenAI project Support assistant/),
    };
    await expect(
      changeRole(ctx("demote"), { provider: "openai", memberId: owner.id, role: "member", workspaceId: "proj_support", confirmSelf: true }),
    ).rejects.toMatchObject(refusal);
    await expect(
      removeMember(ctx("drop"), { provider: "openai", memberId: owner.id, workspaceId: "proj_support", confirmSelf: true }),
    ).rejects.toMatchObject(refusal);
    expect(projectCalls()).toEqual([]);
    const { events } = await listAudit({ provider: "openai", action: "change_role", page: 1, pageSize: 5 });
    expect(events[0]).toMatchObject({ outcome: "refused" });
  });

  it("a project with two owners lets one go", async () => {
    const owners = inProject("proj_research").filter((m) => roleIn(m.id, "proj_research") === "owner");
    expect(owners.length).toBeGreaterThanOrEqual(2);
    await changeRole(ctx("demote-one"), {
      provider: "openai",
      memberId: owners[1].id,
      role: "member",
      workspaceId: "proj_research",
      confirmSelf: true,
    });
    expect(roleIn(owners[1].id, "proj_research")).toBe("member");
  });

  it("making someone a project owner waits for a second admin (the two-person rule)", async () => {
    const member = inProject("proj_default").find((m) => roleIn(m.id, "proj_default") === "member")!;
    const answer = await changeRole(ctx("owner"), {
      provider: "openai",
      memberId: member.id,
      role: "owner",
      workspaceId: "proj_default",
      reason: "runs the project now",
    });
    expect(answer).toMatchObject({ approvalRequired: true });
    expect(projectCalls()).toEqual([]);
    expect(roleIn(member.id, "proj_default")).toBe("member");
  });

  it("an unknown project is a 422 naming workspaceId; add without a project too", async () => {
    const [member] = snapshotMembers("openai");
    await expect(
      changeRole(ctx("nowhere"), { provider: "openai", memberId: member.id, role: "member", workspaceId: "proj_nope" }),
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/workspaceId: no project or workspace "proj_nope"/),
    });
    await expect(changeRole(ctx("add-org"), { provider: "openai", memberId: member.id, role: "reader", add: true })).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/^add:/),
    });
  });
});
