import { describe, expect, it } from "vitest";
import type { Member } from "../providers/types";
import { buildIndex, buildPeople, collationKey, facetsOf, queryPeople } from "./people";
import { mergeInvites } from "./fetch";
import { usersQuerySchema } from "./types";
import { testMember } from "../testing/members";

const m = (over: Partial<Member> & Pick<Member, "provider" | "id">): Member => testMember({ roleId: "reader", ...over });

const members: Member[] = [
  m({ provider: "openai", id: "u1", email: "Ada@Example.com ", name: "Ada Lovelace", role: "owner", addedAt: "2024-01-02T00:00:00Z" }),
  m({
    provider: "astronomer",
    id: "a1",
    email: "ada@example.com",
    name: "Ada Lovelace",
    role: "ORGANIZATION_OWNER",
    addedAt: "2023-05-01T00:00:00Z",
  }),
  m({ provider: "arthur", id: "r1", email: "ADA@example.com", name: "", role: "Organization Admin", managed: true }),
  m({ provider: "openai", id: "u2", email: "grace@example.com", name: "Grace Hopper", role: "reader", addedAt: "2025-01-01T00:00:00Z" }),
  m({ provider: "arthur", id: "svc1", email: null, name: "CI bot", role: "Organization Member", kind: "service_account" }),
  m({ provider: "astronomer", id: "inv1", email: "zed@example.com", role: "ORGANIZATION_MEMBER", status: "invited" }),
];

const q = (raw: Record<string, unknown>) => usersQuerySchema.parse(raw);

describe("buildPeople", () => {
  const index = buildPeople(members);

  it("merges members by normalised email into one person with every membership", () => {
    const ada = index.find((p) => p.person.key === "ada@example.com")!.person;
    expect(ada.memberships.map((x) => x.provider)).toEqual(["arthur", "astronomer", "openai"]);
    expect(ada.name).toBe("Ada Lovelace");
    expect(ada.memberships.find((x) => x.provider === "arthur")?.managed).toBe(true);
  });

  it("keeps members without email as their own person, and names people without a name", () => {
    expect(index.find((p) => p.person.key === "arthur:svc1")?.person.name).toBe("CI bot");
    expect(index.find((p) => p.person.key === "zed@example.com")?.person.name).toBe("zed");
    expect(index).toHaveLength(4);
  });
});

describe("queryPeople", () => {
  const index = buildIndex(members);

  it("searches name or email, case-insensitively, every word", () => {
    expect(queryPeople(index, q({ q: "LOVELACE" })).people.map((p) => p.key)).toEqual(["ada@example.com"]);
    expect(queryPeople(index, q({ q: "grace example" })).total).toBe(1);
    expect(queryPeople(index, q({ q: "nobody" })).total).toBe(0);
  });

  it("applies provider, role, status and kind to the same membership", () => {
    expect(queryPeople(index, q({ provider: "openai", role: "owner" })).people.map((p) => p.key)).toEqual(["ada@example.com"]);
    // Grace is a reader on OpenAI, not an owner anywhere.
    expect(queryPeople(index, q({ provider: "openai", role: "ORGANIZATION_OWNER" })).total).toBe(0);
    expect(queryPeople(index, q({ status: "invited" })).people.map((p) => p.key)).toEqual(["zed@example.com"]);
    expect(queryPeople(index, q({ kind: "service_account" })).people.map((p) => p.key)).toEqual(["arthur:svc1"]);
    expect(queryPeople(index, q({ provider: "openai,arthur" })).total).toBe(3);
  });

  it("sorts by name, email, first added date and provider count, both ways", () => {
    const keys = (raw: Record<string, unknown>) => queryPeople(index, q(raw)).people.map((p) => p.key);
    expect(keys({ sort: "name" })).toEqual(["ada@example.com", "arthur:svc1", "grace@example.com", "zed@example.com"]);
    expect(keys({ sort: "addedAt", order: "asc" })[0]).toBe("ada@example.com");
    expect(keys({ sort: "addedAt", order: "asc" }).slice(-2)).toEqual(["arthur:svc1", "zed@example.com"]); // no date: last
    expect(keys({ sort: "addedAt", order: "desc" })[0]).toBe("grace@example.com");
    expect(keys({ sort: "providers", order: "desc" })[0]).toBe("ada@example.com");
    expect(keys({ sort: "email" }).at(-1)).toBe("arthur:svc1"); // no email sorts last…
    expect(keys({ sort: "email", order: "desc" }).at(-1)).toBe("arthur:svc1"); // …in either direction
  });

  it("pages, keeping the page in range", () => {
    const page2 = queryPeople(index, q({ pageSize: 3, page: 2 }));
    expect(page2.people).toHaveLength(1);
    expect(page2.total).toBe(4);
    expect(queryPeople(index, q({ pageSize: 3, page: 9 })).page).toBe(2);
  });
});

describe("facets and invites", () => {
  it("counts roles per provider", () => {
    const facets = facetsOf(buildPeople(members));
    expect(facets.roles).toContainEqual({ provider: "openai", role: "owner", count: 1 });
    expect(facets.roles).toContainEqual({ provider: "openai", role: "reader", count: 1 });
  });

  it("shows a pending invite as an invited membership unless the person is already a member", () => {
    const merged = mergeInvites(
      [members[0]],
      [
        { provider: "openai", id: "inv-a", email: "ada@example.com", role: "owner", createdAt: null, expiresAt: null },
        { provider: "openai", id: "inv-b", email: "new@example.com", role: "reader", createdAt: "2026-01-01T00:00:00Z", expiresAt: null },
      ],
    );
    expect(merged.map((x) => [x.id, x.status])).toEqual([
      ["u1", "active"],
      ["inv-b", "invited"],
    ]);
  });
});

describe("collationKey", () => {
  it("sorts with plain comparison the way people read: case, accents and number width ignored", () => {
    const names = ["user 10", "Émile", "user 2", "emma", "Zoë", "zoe 1", "ada"];
    const sorted = [...names].sort((a, b) => (collationKey(a) < collationKey(b) ? -1 : 1));
    expect(sorted).toEqual(["ada", "Émile", "emma", "user 2", "user 10", "Zoë", "zoe 1"]);
  });
});

describe("usersQuerySchema", () => {
  it("accepts comma lists and repeated keys, and names the field it refuses", () => {
    expect(q({ provider: ["openai,arthur", "astronomer"] }).provider).toEqual(["openai", "arthur", "astronomer"]);
    const bad = usersQuerySchema.safeParse({ provider: "slack" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].message).toContain("provider");
  });
});

describe("the project and workspace filter", () => {
  const research = { scope: "project" as const, scopeId: "proj_research", scopeName: "Research", role: "owner" };
  const scoped: Member[] = [
    m({ provider: "openai", id: "p1", email: "ada@example.com", name: "Ada", scopedRoles: [research] }),
    m({
      provider: "openai",
      id: "p2",
      email: "grace@example.com",
      name: "Grace",
      role: "owner",
      scopedRoles: [
        { ...research, role: "member" },
        { ...research, scopeId: "proj_default", scopeName: "Default project" },
      ],
    }),
    m({
      provider: "astronomer",
      id: "a1",
      email: "grace@example.com",
      role: "ORGANIZATION_MEMBER",
      scopedRoles: [{ scope: "workspace", scopeId: "proj_research", scopeName: "Same id elsewhere", role: "WORKSPACE_MEMBER" }],
    }),
    m({
      provider: "astronomer",
      id: "a2",
      email: "linus@example.com",
      role: "ORGANIZATION_MEMBER",
      scopedRoles: [
        { scope: "organization", scopeId: "org", scopeName: "Org", role: "ORGANIZATION_OWNER", via: { kind: "team", id: "t", name: "T" } },
      ],
    }),
  ];
  const index = buildIndex(scoped);

  it("finds the people holding a role in one project, keyed by provider, with the other filters on the same membership", () => {
    expect(queryPeople(index, q({ workspace: "openai:proj_research" })).people.map((p) => p.key)).toEqual([
      "ada@example.com",
      "grace@example.com",
    ]);
    expect(queryPeople(index, q({ workspace: "openai:proj_default" })).people.map((p) => p.key)).toEqual(["grace@example.com"]);
    expect(queryPeople(index, q({ workspace: "astronomer:proj_research" })).people.map((p) => p.key)).toEqual(["grace@example.com"]);
    // The role filter and the project must hold on one membership: Ada's openai reader is in Research.
    expect(queryPeople(index, q({ workspace: "openai:proj_research", role: "owner" })).people.map((p) => p.key)).toEqual([
      "grace@example.com",
    ]);
    expect(queryPeople(index, q({ workspace: "openai:proj_nope" })).total).toBe(0);
    expect(queryPeople(index, q({ workspace: "openai:org" })).total).toBe(0);
  });

  it("counts memberships per project or workspace in the facets", () => {
    expect(facetsOf(buildPeople(scoped)).workspaces).toEqual([
      {
        provider: "astronomer",
        key: "astronomer:proj_research",
        id: "proj_research",
        name: "Same id elsewhere",
        kind: "workspace",
        count: 1,
      },
      { provider: "openai", key: "openai:proj_default", id: "proj_default", name: "Default project", kind: "project", count: 1 },
      { provider: "openai", key: "openai:proj_research", id: "proj_research", name: "Research", kind: "project", count: 2 },
    ]);
  });
});

describe("the through-a-group-or-team filter", () => {
  const viaGroup = { kind: "group" as const, id: "g1", name: "data-team" };
  const viaTeam = { kind: "team" as const, id: "t1", name: "Platform" };
  const held: Member[] = [
    m({
      provider: "arthur",
      id: "r1",
      email: "ada@example.com",
      role: "Organization Member",
      scopedRoles: [{ scope: "organization", scopeId: "org", scopeName: "Org", role: "Organization Admin", via: viaGroup }],
    }),
    m({
      provider: "astronomer",
      id: "a1",
      email: "grace@example.com",
      role: "ORGANIZATION_MEMBER",
      scopedRoles: [{ scope: "workspace", scopeId: "w1", scopeName: "Data", role: "WORKSPACE_OWNER", via: viaTeam }],
    }),
    m({
      provider: "astronomer",
      id: "a2",
      email: "linus@example.com",
      role: "ORGANIZATION_MEMBER",
      scopedRoles: [{ scope: "workspace", scopeId: "w1", scopeName: "Data", role: "WORKSPACE_MEMBER" }],
    }),
    m({ provider: "openai", id: "u1", email: "linus@example.com", role: "owner" }),
  ];
  const index = buildIndex(held);
  const keys = (raw: Record<string, unknown>) => queryPeople(index, q(raw)).people.map((p) => p.key);

  it("finds the people holding a grant through a group, a team or either, on the same membership as the other filters", () => {
    expect(keys({ via: "group" })).toEqual(["ada@example.com"]);
    expect(keys({ via: "team" })).toEqual(["grace@example.com"]);
    expect(keys({ via: "group,team" })).toEqual(["ada@example.com", "grace@example.com"]);
    // A direct workspace grant is not access through a team.
    expect(keys({ via: "team", workspace: "astronomer:w1" })).toEqual(["grace@example.com"]);
    expect(keys({ via: "group", provider: "astronomer" })).toEqual([]);
  });

  it("counts memberships with such grants in the facets and refuses other values naming the field", () => {
    expect(facetsOf(buildPeople(held)).via).toEqual([
      { via: "group", count: 1 },
      { via: "team", count: 1 },
    ]);
    const bad = usersQuerySchema.safeParse({ via: "direct" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].message).toContain("via must be group or team");
  });
});
