import { describe, expect, it } from "vitest";
import type { Member, Role } from "../providers/types";
import { isAdminLevel, itemsFor } from "./scope";
import { testMember } from "../testing/members";

const roles: Role[] = [
  { id: "owner", name: "owner", scope: "organization", isOwner: true, adminLevel: true },
  { id: "admin", name: "admin", scope: "organization", isOwner: false, adminLevel: true },
  { id: "reader", name: "reader", scope: "organization", isOwner: false, adminLevel: false },
  { id: "WORKSPACE_OWNER", name: "WORKSPACE_OWNER", scope: "workspace", isOwner: false, adminLevel: true },
];

const member = (id: string, role: string, extra: Partial<Member> = {}): Member =>
  testMember({ provider: "openai", id, email: `${id}@example.com`, name: id, role, addedAt: "2026-01-01T00:00:00Z", ...extra });

const members = [
  member("ann", "owner"),
  member("bob", "admin", { managed: true }),
  member("cat", "reader", {
    scopedRoles: [
      {
        scope: "workspace",
        scopeId: "ws-1",
        scopeName: "Data",
        role: "WORKSPACE_OWNER",
        via: { kind: "team", id: "t1", name: "Platform" },
      },
    ],
  }),
  member("dan", "reader", {
    scopedRoles: [
      { scope: "organization", scopeId: "org", scopeName: "Org", role: "owner", via: { kind: "team", id: "t2", name: "Owners" } },
    ],
  }),
  member("eve", "reader", { status: "invited" }),
  member("bot", "reader", { kind: "service_account", email: null }),
];

describe("access review scope", () => {
  it("takes every active person's membership by default: no invites, no service accounts", () => {
    expect(itemsFor({}, "openai", roles, members).map((i) => i.memberId)).toEqual(["ann", "bob", "cat", "dan"]);
  });

  it("takes service accounts when asked", () => {
    expect(itemsFor({ includeServiceAccounts: true }, "openai", roles, members).map((i) => i.memberId)).toContain("bot");
  });

  it("'admins and owners only' follows the role catalogue, and counts an owner role a team grants", () => {
    expect(itemsFor({ adminsOnly: true }, "openai", roles, members).map((i) => i.memberId)).toEqual(["ann", "bob", "dan"]);
    expect(isAdminLevel(roles, members[2])).toBe(false); // a workspace role is not an organization admin role
  });

  it("filters by role (id or name, any case) and by workspace, directly or through a team", () => {
    expect(itemsFor({ roles: ["ADMIN"] }, "openai", roles, members).map((i) => i.memberId)).toEqual(["bob"]);
    expect(itemsFor({ workspaces: ["ws-1"] }, "openai", roles, members).map((i) => i.memberId)).toEqual(["cat"]);
  });

  it("'inactive for N days' takes never-active and long-idle seats, never those the provider does not report", () => {
    const now = Date.parse("2026-12-01T00:00:00Z");
    const seats = [
      member("idle", "reader", { lastActiveAt: "2026-08-01T00:00:00Z" }),
      member("busy", "reader", { lastActiveAt: "2026-11-30T00:00:00Z" }),
      member("never", "reader", { lastActiveAt: null }),
      member("untold", "reader"),
    ];
    expect(itemsFor({ inactiveDays: 90 }, "openai", roles, seats, now).map((i) => i.memberId)).toEqual(["idle", "never"]);
  });

  it("leaves out providers not in scope", () => {
    expect(itemsFor({ providers: ["arthur"] }, "openai", roles, members)).toEqual([]);
  });

  it("keeps the context a reviewer needs: role, where other roles come from, added date, SCIM", () => {
    const [, bob, cat] = itemsFor({}, "openai", roles, members);
    expect(bob).toMatchObject({ role: "admin", adminLevel: true, managed: true, addedAt: "2026-01-01T00:00:00Z" });
    expect(cat.scopedRoles).toEqual([{ scope: "workspace", scopeName: "Data", role: "WORKSPACE_OWNER", via: "team Platform" }]);
  });
});
