import { describe, expect, it } from "vitest";
import type { Member } from "../providers/types";
import { activityFacets, buildIndex, queryPeople } from "./people";
import { usersQuerySchema } from "./types";
import { testMember } from "../testing/members";

const NOW = Date.parse("2026-12-03T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();

const m = (over: Partial<Member> & Pick<Member, "provider" | "id" | "email">): Member => testMember({ roleId: "reader", ...over });

const members: Member[] = [
  // Recent on one provider, long gone on another: the latest counts.
  m({ provider: "openai", id: "u1", email: "ada@example.com", lastActiveAt: daysAgo(100) }),
  m({ provider: "astronomer", id: "a1", email: "ada@example.com", lastActiveAt: daysAgo(2) }),
  m({ provider: "openai", id: "u2", email: "grace@example.com", lastActiveAt: daysAgo(45) }),
  m({ provider: "openai", id: "u3", email: "alan@example.com", lastActiveAt: daysAgo(120) }),
  // The provider says never; Arthur (no activity) says nothing.
  m({ provider: "openai", id: "u4", email: "never@example.com", lastActiveAt: null }),
  m({ provider: "arthur", id: "r4", email: "never@example.com" }),
  // Only Arthur: unknown, never counted inactive.
  m({ provider: "arthur", id: "r5", email: "unknown@example.com" }),
];

const query = (raw: Record<string, unknown>) => usersQuerySchema.parse(raw);
const keys = (raw: Record<string, unknown>) =>
  queryPeople(buildIndex(members), query(raw))
    .people.map((p) => p.key)
    .sort();

describe("inactive seats", () => {
  it("lists people inactive for N days, never-active people included, unknown left out", () => {
    const realNow = Date.now;
    Date.now = () => NOW;
    try {
      expect(keys({ inactiveDays: "30" })).toEqual(["alan@example.com", "grace@example.com", "never@example.com"]);
      expect(keys({ inactiveDays: "90" })).toEqual(["alan@example.com", "never@example.com"]);
      expect(keys({ inactiveDays: "90", q: "alan" })).toEqual(["alan@example.com"]);
      expect(keys({})).toHaveLength(5);
    } finally {
      Date.now = realNow;
    }
  });

  it("counts each choice, never and unknown for the facet", () => {
    expect(activityFacets(buildIndex(members), [30, 90], NOW)).toEqual({
      inactive: [
        { days: 30, count: 3 },
        { days: 90, count: 2 },
      ],
      never: 1,
      unknown: 1,
    });
  });

  it("keeps never (null) and unknown (absent) apart on memberships", () => {
    const index = buildIndex(members);
    const never = index.people.find((p) => p.person.key === "never@example.com")!.person;
    expect(never.memberships.find((x) => x.provider === "openai")?.lastActiveAt).toBeNull();
    expect(never.memberships.find((x) => x.provider === "arthur")).not.toHaveProperty("lastActiveAt");
  });

  it("refuses a bad inactiveDays naming the field", () => {
    for (const bad of ["0", "-3", "2.5", "abc", "3651"]) {
      const result = usersQuerySchema.safeParse({ inactiveDays: bad });
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0].message, bad).toMatch(/^inactiveDays /);
    }
  });
});
