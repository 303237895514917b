import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Adding to and removing from a group (Arthur's sandbox groups): the audited recipe, the
 * last-owner rule counting an owner held only through a group, and the second-admin
 * request for a group granting an admin-level role. Real sandboxes, real database
 * (PGlite, or DATABASE_URL).
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-groups-test-"));
Object.assign(process.env, {
  ROSTER_DATA_DIR: path.join(dataDir, "pglite"),
  ROSTER_SANDBOX: "arthur",
  ROSTER_SANDBOX_PORT: process.env.ROSTER_GROUPS_TEST_PORT ?? "5590",
});

const { closeDb, getDb } = await import("../db");
const { operators } = await import("../db/schema");
const { startConfiguredSandboxes } = await import("../sandbox/start");
const { listAudit } = await import("../audit/log");
const { getSnapshots, patchSnapshot, snapshotMember, snapshotMembers } = await import("../directory/snapshot");
const { changeGroupMembership, listGroups } = await import("./groups");
const { SANDBOX_GROUPS } = await import("../providers/arthur/sandbox-groups");
const { approveInviteRequest } = await import("../invites/requests");
const { describeChange } = await import("../invites/describe-change");
type ApprovalRequiredResponse = import("../invites/types").ApprovalRequiredResponse;
type GroupChangeResult = import("./groups").GroupChangeResult;

type Ctx = Parameters<typeof changeGroupMembership>[0];
let admin: Ctx;
let second: Ctx;
let sandboxes: Awaited<ReturnType<typeof startConfiguredSandboxes>>;
const { dataScience, dataTeam } = SANDBOX_GROUPS;
const ctx = (name: string) => ({ ...admin, requestId: `groups-${name}-${Date.now()}` });
const groupCalls = () => sandboxes.running[0].requests.filter((r) => r.pattern === "/api/v1/groups/{group_id}/users" && r.method !== "GET");

describe("group memberships through Roster", () => {
  beforeAll(async () => {
    sandboxes = await startConfiguredSandboxes();
    const db = await getDb();
    const email = `groups-${Date.now()}@test.example`;
    const [row] = await db.insert(operators).values({ email, name: email, role: "admin" }).returning();
    admin = { operator: { id: row.id, email: row.email, name: row.name, role: "admin" }, requestId: "" };
    const [other] = await db
      .insert(operators)
      .values({ email: `second-${email}`, name: "Second admin", role: "admin" })
      .returning();
    second = { operator: { id: other.id, email: other.email, name: other.name, role: "admin" }, requestId: "groups-second" };
    await getSnapshots();
  }, 180_000);
  afterAll(async () => {
    await sandboxes?.close();
    await closeDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

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
    expect(snapshotMember("arthur", ownerId)!.scopedRoles).toEqual([
      expect.objectContaining({ role: "Organization Admin", via: expect.objectContaining({ name: "data-team" }) }),
    ]);
    // Roster's view: everyone else loses their direct admin role, so the group is the last owner's only source.
    const saved = [...snapshotMembers("arthur")];
    await patchSnapshot("arthur", (members) =>
      members.map((m) => (m.id === ownerId ? m : { ...m, role: "Organization Member", roleId: "member", scopedRoles: undefined })),
    );
    const before = groupCalls().length;
    const request = ctx("last-owner");
    await expect(
      changeGroupMembership(request, { provider: "arthur", memberId: ownerId, groupId: dataTeam.id, change: "remove" }),
    ).rejects.toMatchObject({
      status: 409,
      code: "last_owner",
    });
    expect(groupCalls()).toHaveLength(before);
    const { events } = await listAudit({ provider: "arthur", action: "remove_from_group", page: 1, pageSize: 5 });
    expect(events.find((e) => e.requestId === request.requestId)).toMatchObject({ outcome: "refused", target: { id: ownerId } });
    await patchSnapshot("arthur", () => saved);
  });

  it("holds adding someone to a group granting an admin-level role for a second admin, who performs it on approval", async () => {
    const someone = snapshotMembers("arthur").find((m) => m.kind === "person" && !m.scopedRoles)!;
    const before = groupCalls().length;
    const held = await changeGroupMembership(ctx("admin-group"), {
      provider: "arthur",
      memberId: someone.id,
      groupId: dataTeam.id,
      change: "add",
      reason: "Runs the data team now",
    });
    expect(held).toMatchObject({
      approvalRequired: true,
      request: {
        kind: "admin_role",
        status: "pending",
        reason: "Runs the data team now",
        change: { memberId: someone.id, roleName: "Organization Admin", group: { id: dataTeam.id, name: "data-team", kind: "group" } },
      },
    });
    expect(groupCalls(), "nothing reaches Arthur before the approval").toHaveLength(before);
    expect(describeChange((held as ApprovalRequiredResponse).request.change!)).toMatch(
      /^Add .+ to the group "data-team" on Arthur, which grants Organization Admin$/,
    );

    const approved = await approveInviteRequest(second, (held as ApprovalRequiredResponse).request.id);
    expect(approved.request.outcome).toMatchObject({ state: "done", targetId: someone.id });
    expect(groupCalls()).toHaveLength(before + 1);
    expect(snapshotMember("arthur", someone.id)!.scopedRoles).toEqual([
      expect.objectContaining({ role: "Organization Admin", via: expect.objectContaining({ id: dataTeam.id }) }),
    ]);
    await changeGroupMembership(ctx("admin-group-undo"), {
      provider: "arthur",
      memberId: someone.id,
      groupId: dataTeam.id,
      change: "remove",
    });
  });

  it("adds to and removes from a group, audited, with the grant shown via the group at once", async () => {
    const someone = snapshotMembers("arthur").find((m) => m.kind === "person" && !m.scopedRoles)!;
    const added = (await changeGroupMembership(ctx("add"), {
      provider: "arthur",
      memberId: someone.id,
      groupId: dataScience.id,
      change: "add",
    })) as GroupChangeResult;
    expect(added).toMatchObject({ ok: true, action: "add_to_group", group: { name: "Data Science", kind: "group" } });
    expect(snapshotMember("arthur", someone.id)!.scopedRoles).toEqual([
      expect.objectContaining({ role: "Organization Member", via: { kind: "group", id: dataScience.id, name: "Data Science" } }),
    ]);
    const { events } = await listAudit({ provider: "arthur", action: "add_to_group", page: 1, pageSize: 5 });
    expect(events.find((e) => e.id === added.auditId)).toMatchObject({
      outcome: "success",
      description: expect.stringContaining('to group "Data Science" (Organization Member) on Arthur'),
    });

    await expect(
      changeGroupMembership(ctx("again"), { provider: "arthur", memberId: someone.id, groupId: dataScience.id, change: "add" }),
    ).rejects.toMatchObject({ status: 409 });
    await changeGroupMembership(ctx("remove"), { provider: "arthur", memberId: someone.id, groupId: dataScience.id, change: "remove" });
    expect(snapshotMember("arthur", someone.id)!.scopedRoles).toBeUndefined();
    expect(
      sandboxes.running[0].requests.filter((r) => r.method === "DELETE" && r.pattern === "/api/v1/groups/{group_id}/users").at(-1)!.body,
    ).toEqual({ user_ids: [someone.id] });
  });
});
