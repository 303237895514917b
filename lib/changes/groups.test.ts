import { describe, expect, it } from "vitest";
import { withSandboxWorld } from "../testing/sandbox-world";

/**
 * Adding to and removing from a group (Arthur's sandbox groups): the audited recipe, the
 * last-owner rule counting an owner held only through a group, and the second-admin
 * refusal for a group granting an admin-level role. Real sandboxes, real database
 * (PGlite, or DATABASE_URL).
 */
const world = withSandboxWorld("groups", { sandbox: "arthur", port: process.env.ROSTER_GROUPS_TEST_PORT ?? "5590" });

const { listAudit } = await import("../audit/log");
const { patchSnapshot, snapshotMember, snapshotMembers } = await import("../directory/snapshot");
const { changeGroupMembership, listGroups } = await import("./groups");
const { SANDBOX_GROUPS } = await import("../providers/arthur/sandbox-groups");

const { dataScience, dataTeam } = SANDBOX_GROUPS;
const ctx = world.ctx;
const groupCalls = () => world.running("arthur").requests.filter((r) => r.pattern === "/api/v1/groups/{group_id}/users" && r.method !== "GET");

describe("group memberships through Roster", () => {
  it("lists Arthur's groups with member counts and what each grants", async () => {
    const { groups } = await listGroups("arthur");
    expect(groups.map((g) => [g.name, g.memberCount, g.roles.map((r) => r.role)])).toEqual([
      ["Data Science", dataScience.people.length, ["Organization Member"]],
      ["data-team", dataTeam.people.length, ["Organization Admin"]],
    ]);
  });

  it("refuses, before any provider call, to remove the last owner from the group that alone makes them one", async () => {
    const { groups } = await listGroups("arthur");
    const ownerId = groups.find((g) => g.id === dataTeam.id)!.memberIds[0];
    expect(snapshotMember("arthur", ownerId)!.scopedRoles).toEqual([expect.objectContaining({ role: "Organization Admin", via: expect.objectContaining({ name: "data-team" }) })]);
    // Roster's view: everyone else loses their direct admin role, so the group is the last owner's only source.
    const saved = [...snapshotMembers("arthur")];
    await patchSnapshot("arthur", (members) => members.map((m) => (m.id === ownerId ? m : { ...m, role: "Organization Member", roleId: "member", scopedRoles: undefined })));
    const before = groupCalls().length;
    const request = ctx("last-owner");
    await expect(changeGroupMembership(request, { provider: "arthur", memberId: ownerId, groupId: dataTeam.id, change: "remove" })).rejects.toMatchObject({
      status: 409,
      code: "last_owner",
    });
    expect(groupCalls()).toHaveLength(before);
    const { events } = await listAudit({ provider: "arthur", action: "remove_from_group", page: 1, pageSize: 5 });
    expect(events.find((e) => e.requestId === request.requestId)).toMatchObject({ outcome: "refused", target: { id: ownerId } });
    await patchSnapshot("arthur", () => saved);
  });

  it("asks for a second admin before adding someone to a group granting an admin-level role", async () => {
    const someone = snapshotMembers("arthur").find((m) => m.kind === "person" && !m.scopedRoles)!;
    await expect(changeGroupMembership(ctx("admin-group"), { provider: "arthur", memberId: someone.id, groupId: dataTeam.id, change: "add" })).rejects.toMatchObject({
      status: 422,
      code: "needs_second_admin",
    });
  });

  it("adds to and removes from a group, audited, with the grant shown via the group at once", async () => {
    const someone = snapshotMembers("arthur").find((m) => m.kind === "person" && !m.scopedRoles)!;
    const added = await changeGroupMembership(ctx("add"), { provider: "arthur", memberId: someone.id, groupId: dataScience.id, change: "add" });
    expect(added).toMatchObject({ ok: true, action: "add_to_group", group: { name: "Data Science", kind: "group" } });
    expect(snapshotMember("arthur", someone.id)!.scopedRoles).toEqual([expect.objectContaining({ role: "Organization Member", via: { kind: "group", id: dataScience.id, name: "Data Science" } })]);
    const { events } = await listAudit({ provider: "arthur", action: "add_to_group", page: 1, pageSize: 5 });
    expect(events.find((e) => e.id === added.auditId)).toMatchObject({ outcome: "success", description: expect.stringContaining('to group "Data Science" (Organization Member) on Arthur') });

    await expect(changeGroupMembership(ctx("again"), { provider: "arthur", memberId: someone.id, groupId: dataScience.id, change: "add" })).rejects.toMatchObject({ status: 409 });
    await changeGroupMembership(ctx("remove"), { provider: "arthur", memberId: someone.id, groupId: dataScience.id, change: "remove" });
    expect(snapshotMember("arthur", someone.id)!.scopedRoles).toBeUndefined();
    expect(world.running("arthur").requests.filter((r) => r.method === "DELETE" && r.pattern === "/api/v1/groups/{group_id}/users").at(-1)!.body).toEqual({ user_ids: [someone.id] });
  });
});
