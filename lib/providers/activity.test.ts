import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedInactiveDays } from "../sandbox/activity";
import { withoutUntoldActivity } from "./astronomer/map";
import { type Harness, startAstronomerHarness } from "./astronomer/test-harness";
import { type OpenAITestSandbox, startOpenAISandbox } from "./openai/test-sandbox";
import type { Member } from "./types";

/** Last activity as each adapter reads it from its sandbox: a time, never (null), or not told (absent). */

const DAY = 86_400_000;
const daysAgo = (iso: string) => Math.floor((Date.now() - Date.parse(iso)) / DAY);

function spread(members: Member[]) {
  const told = members.filter((m) => m.lastActiveAt !== undefined);
  return {
    never: told.filter((m) => m.lastActiveAt === null).length,
    over30: told.filter((m) => m.lastActiveAt && daysAgo(m.lastActiveAt) >= 30).length,
    over90: told.filter((m) => m.lastActiveAt && daysAgo(m.lastActiveAt) >= 90).length,
    recent: told.filter((m) => m.lastActiveAt && daysAgo(m.lastActiveAt) < 30).length,
  };
}

describe("OpenAI: api_key_last_used_at", () => {
  let sb: OpenAITestSandbox;
  beforeAll(async () => {
    sb = await startOpenAISandbox(240);
  });
  afterAll(() => sb.running.close());

  it("reads each user's last key use, never-used as null, with recent, 30+ and 90+ days inactive seeded", async () => {
    const members = await sb.adapter.listMembers();
    expect(members.every((m) => m.lastActiveAt !== undefined)).toBe(true);
    const s = spread(members);
    expect(s.never).toBeGreaterThan(0);
    expect(s.over90).toBeGreaterThan(0);
    expect(s.over30).toBeGreaterThan(s.over90);
    expect(s.recent).toBeGreaterThan(0);
  });
});

describe("Astronomer v1alpha1: lastLogin", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startAstronomerHarness({ users: 240 });
  });
  afterAll(() => h.close());

  it("reads last logins, never-logged-in members as null, invitations as not told", async () => {
    const members = await h.adapter({ pageSize: 100 }).listMembers();
    const s = spread(members);
    expect(s.never).toBeGreaterThan(0);
    expect(s.over90).toBeGreaterThan(0);
    expect(s.recent).toBeGreaterThan(0);
    expect(members.filter((m) => m.status === "invited").every((m) => m.lastActiveAt === undefined)).toBe(true);
  });

  it("takes a list where nobody has a lastLogin as not told (a non-admin token), not as never", () => {
    const base = {
      provider: "astronomer",
      name: "",
      role: "r",
      roleId: "r",
      status: "active",
      kind: "person",
      addedAt: null,
      managed: false,
    } as const;
    const read = withoutUntoldActivity([
      { ...base, id: "a", email: "a@x", lastActiveAt: null },
      { ...base, id: "b", email: "b@x", lastActiveAt: null },
    ]);
    expect(read.every((m) => !("lastActiveAt" in m))).toBe(true);
  });
});

describe("the seeded spread", () => {
  it("is the same for a person every time, founders active today", () => {
    expect(seedInactiveDays("openai:7", 7)).toBe(seedInactiveDays("openai:7", 7));
    expect(seedInactiveDays("openai:0", 0)).toBe(0);
  });
});
