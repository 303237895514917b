import type { ChangeResult, PersonDetailResponse, RolesResponse } from "../../lib/changes/types";
import type { Membership } from "../../lib/directory/types";
import { E2E } from "../env";
import { apiAs, expect, sandbox, test } from "../fixtures";
import { lastAudit, people, throughApproval } from "./member-helpers";

/**
 * OpenAI projects over HTTP: what GET /api/roles lists, adding a member to a project,
 * changing and removing their project role through PATCH/DELETE /api/members (workspaceId,
 * add), the two-person rule for a project owner and the last-project-owner refusal, which
 * reaches no provider.
 */

type Recorded = { method: string; path: string };
async function openaiChanges(): Promise<Recorded[]> {
  const { requests } = (await (await fetch(`${E2E.sandbox.openai}/__sandbox/requests`)).json()) as { requests: Recorded[] };
  return requests.filter((r) => r.method !== "GET" && r.path.includes("/organization/projects/"));
}
const clearRequests = () => fetch(`${E2E.sandbox.openai}/__sandbox/requests`, { method: "DELETE" });
const grant = (m: Membership, projectId: string) => m.scopedRoles?.find((s) => s.scopeId === projectId && !s.via);

test.describe("OpenAI projects", () => {
  test.beforeEach(async ({ as }) => {
    await sandbox.reset();
    await (await as("viewer")).post("/api/sync", { data: {} });
    await clearRequests();
  });
  test.afterAll(async () => {
    await sandbox.reset();
    const viewer = await apiAs("viewer");
    await viewer.post("/api/sync", { data: {} });
    await viewer.dispose();
  });

  test("roles list OpenAI's projects (kind project) and project roles; members carry project grants", async ({ as }) => {
    const viewer = await as("viewer");
    const body = (await (await viewer.get("/api/roles")).json()) as RolesResponse;
    const openai = body.providers.find((p) => p.id === "openai")!;
    expect(openai.workspaces).toEqual([
      { id: "proj_default", name: "Default project", kind: "project" },
      { id: "proj_research", name: "Research", kind: "project" },
      { id: "proj_support", name: "Support assistant", kind: "project" },
    ]);
    expect(openai.addToWorkspace).toBe(true);
    expect(openai.roles.filter((r) => r.scope === "workspace").map((r) => [r.id, r.adminLevel])).toEqual([
      ["owner", true],
      ["member", false],
    ]);
    const list = await people(viewer, "provider=openai&status=active");
    const withProjects = list.people.flatMap((p) => p.memberships).filter((m) => m.provider === "openai" && m.scopedRoles?.length);
    expect(withProjects.length).toBeGreaterThan(5);
    expect(withProjects[0].scopedRoles![0]).toMatchObject({ scope: "project" });
  });

  test("add to a project, change the project role (owner through a second admin), remove: audited, shown on the person page", async ({
    as,
  }) => {
    const admin = await as("admin");
    const owner = await as("owner");
    const list = await people(admin, "provider=openai&status=active&kind=person");
    const person = list.people.find(
      (p) => p.email && p.memberships.some((m) => m.provider === "openai" && !m.managed && !m.scopedRoles?.length),
    )!;
    const membership = person.memberships.find((m) => m.provider === "openai")!;
    const path = `/api/members/openai/${encodeURIComponent(membership.id)}`;

    const added = await admin.patch(path, { data: { role: "member", workspaceId: "proj_research", add: true } });
    expect(added.status(), await added.text()).toBe(200);
    expect(((await added.json()) as { result: ChangeResult }).result).toMatchObject({
      before: { role: null, project: "Research" },
      after: { role: "member", project: "Research" },
    });
    expect(await openaiChanges()).toEqual([
      expect.objectContaining({ method: "POST", path: "/organization/projects/proj_research/users" }),
    ]);
    expect((await lastAudit(admin, "provider=openai&action=change_role")).description).toMatch(
      /in project Research on OpenAI from no role to Member/,
    );

    const again = await admin.patch(path, { data: { role: "member", workspaceId: "proj_research", add: true } });
    expect(again.status()).toBe(422);
    expect((await again.json()).error.message).toMatch(/already in the project Research/);

    // Project owner is admin-level: it waits for a second admin.
    await throughApproval(
      await admin.patch(path, { data: { role: "owner", workspaceId: "proj_research", reason: "leads it now" } }),
      owner,
    );
    const detail = (await (await admin.get(`/api/people/${encodeURIComponent(person.email!)}`)).json()) as PersonDetailResponse;
    const fresh = detail.memberships.find((m) => m.provider === "openai")!;
    expect(fresh.fresh).toBe(true);
    expect(grant(fresh, "proj_research")).toEqual({ scope: "project", scopeId: "proj_research", scopeName: "Research", role: "owner" });

    const removed = await admin.delete(`${path}?workspaceId=proj_research`);
    expect(removed.status(), await removed.text()).toBe(200);
    const after = await people(admin, `q=${encodeURIComponent(person.email!)}`);
    const kept = after.people[0].memberships.find((m) => m.provider === "openai")!;
    expect(grant(kept, "proj_research")).toBeUndefined();
    expect(kept.status).toBe("active");
    expect((await lastAudit(admin, "provider=openai&action=remove_member")).description).toMatch(
      /from project Research on OpenAI \(was Owner\)/,
    );
  });

  test("a project's last owner cannot be demoted or removed, and no provider is called", async ({ as }) => {
    const admin = await as("admin");
    const list = await people(admin, "provider=openai&status=active");
    const owners = list.people
      .map((p) => p.memberships.find((m) => m.provider === "openai" && grant(m, "proj_support")?.role === "owner"))
      .filter((m): m is Membership => Boolean(m));
    expect(owners).toHaveLength(1);
    const path = `/api/members/openai/${encodeURIComponent(owners[0].id)}`;
    const demote = await admin.patch(path, { data: { role: "member", workspaceId: "proj_support", confirmSelf: true } });
    expect(demote.status()).toBe(409);
    expect((await demote.json()).error).toMatchObject({
      code: "last_owner",
      message: expect.stringMatching(/last owner of the OpenAI project Support assistant/),
    });
    const remove = await admin.delete(`${path}?workspaceId=proj_support&confirmSelf=true`);
    expect(remove.status()).toBe(409);
    expect(await openaiChanges()).toEqual([]);
    expect(await lastAudit(admin, "provider=openai")).toMatchObject({
      outcome: "refused",
      action: "remove_member",
      target: { id: owners[0].id },
    });
  });

  test("bad project input gets a 422 naming the field", async ({ as }) => {
    const admin = await as("admin");
    const [m] = (await people(admin, "provider=openai&status=active")).people.flatMap((p) =>
      p.memberships.filter((x) => x.provider === "openai"),
    );
    const path = `/api/members/openai/${encodeURIComponent(m.id)}`;
    for (const [data, message] of [
      [{ role: "reader", workspaceId: "proj_research" }, /role must be one of owner, member/],
      [{ role: "member", workspaceId: "proj_nope" }, /workspaceId: no project or workspace "proj_nope"/],
      [{ role: "reader", add: true }, /^add: needs workspaceId/],
    ] as const) {
      const res = await admin.patch(path, { data });
      expect(res.status(), JSON.stringify(data)).toBe(422);
      expect((await res.json()).error.message).toMatch(message);
    }
    expect(await openaiChanges()).toEqual([]);
  });
});
