import type { AuditResponse } from "../../lib/audit/types";
import type { PersonDetailResponse } from "../../lib/changes/types";
import type { UsersResponse } from "../../lib/directory/types";
import { E2E } from "../env";
import { expect, inFreshWorld, sandbox, test } from "../fixtures";
import { throughApproval } from "./member-helpers";

test.describe("person and audit routes", () => {
  inFreshWorld(test, "each");

  test("the person page reads every membership fresh from the providers", async ({ as }) => {
    const viewer = await as("viewer");
    const list = (await (await viewer.get("/api/users?provider=openai&role=reader&status=active&pageSize=5")).json()) as UsersResponse;
    const person = list.people[0];
    const openai = person.memberships.find((m) => m.provider === "openai")!;
    // Someone changes the role on OpenAI itself, behind Roster's back.
    const direct = await fetch(`${E2E.sandbox.openai}/v1/organization/users/${openai.id}`, {
      method: "POST",
      headers: { authorization: "Bearer sandbox", "content-type": "application/json" },
      body: JSON.stringify({ role: "owner" }),
    });
    expect(direct.status).toBe(200);

    const res = await viewer.get(`/api/people/${encodeURIComponent(person.email!)}`);
    expect(res.status()).toBe(200);
    const detail = (await res.json()) as PersonDetailResponse;
    expect(detail.email).toBe(person.email!.toLowerCase());
    expect(detail.isSelf).toBe(false);
    expect(detail.memberships.find((m) => m.provider === "openai")).toMatchObject({ role: "owner", fresh: true });
    expect(detail.memberships.length).toBe(person.memberships.length);

    expect((await viewer.get(`/api/people/${encodeURIComponent("nobody@nowhere.example")}`)).status()).toBe(404);
  });

  test("a provider that fails on the person page is reported, the rest still shown", async ({ as }) => {
    const viewer = await as("viewer");
    const list = (await (await viewer.get("/api/users?provider=arthur&status=active&kind=person&pageSize=50")).json()) as UsersResponse;
    const person = list.people.find((p) => p.memberships.length >= 2)!;
    await sandbox.fault("arthur", { method: "GET", route: "*", status: 500, message: "Arthur is down" });
    const detail = (await (await viewer.get(`/api/people/${encodeURIComponent(person.email!)}`)).json()) as PersonDetailResponse;
    expect(detail.errors).toEqual([expect.objectContaining({ provider: "arthur", message: "Arthur is down" })]);
    expect(detail.memberships.find((m) => m.provider === "arthur")?.fresh).toBe(false);
    expect(detail.memberships.filter((m) => m.provider !== "arthur").every((m) => m.fresh || m.status === "invited")).toBe(true);
  });

  test("the audit log filters and exports CSV", async ({ as }) => {
    const [admin, owner] = [await as("admin"), await as("owner")];
    const list = (await (await admin.get("/api/users?provider=openai&role=reader&status=active&pageSize=5")).json()) as UsersResponse;
    const member = list.people[1].memberships.find((m) => m.provider === "openai")!;
    // Owner is admin-level: the admin asks, the owner approves and makes the change (the two-person rule).
    await throughApproval(await admin.patch(`/api/members/openai/${member.id}`, { data: { role: "owner" } }), owner);

    const filtered = (await (
      await admin.get("/api/audit?provider=openai&action=change_role&outcome=success&actor=owner@roster")
    ).json()) as AuditResponse;
    expect(filtered.total).toBeGreaterThan(0);
    expect(filtered.events.every((e) => e.provider === "openai" && e.action === "change_role" && e.outcome === "success")).toBe(true);
    expect(filtered.events[0]).toMatchObject({ target: { id: member.id }, after: { role: "owner" } });

    expect((await admin.get("/api/audit?outcome=maybe")).status()).toBe(422);
    expect((await admin.get("/api/audit?from=yesterday")).status()).toBe(422);

    const csv = await admin.get("/api/audit/export?provider=openai&action=change_role");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="roster-audit-.*\.csv"/);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0].split(",").slice(0, 8)).toEqual([
      "id",
      "parent_id",
      "time",
      "operator",
      "roster_role",
      "action",
      "description",
      "provider",
    ]);
    expect(
      lines
        .slice(1)
        .every((l) => l.includes(",change_role,Change the role of ") && l.includes(" on OpenAI from ") && l.includes(",openai,")),
    ).toBe(true);
    expect(lines.some((l) => l.includes(member.id))).toBe(true);

    const viewer = await as("viewer");
    expect((await viewer.get("/api/audit")).status()).toBe(200);
  });
});
