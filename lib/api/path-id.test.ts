import { describe, expect, it } from "vitest";
import { changeRoleSchema, memberParamsSchema, removeMemberQuerySchema } from "../changes/types";
import { accountIdParamsSchema } from "../service-accounts/types";
import { pathId } from "./path-id";

/** Ids that go back into a provider's URL path cannot redirect the call. */
describe("path ids", () => {
  const schema = pathId("memberId");

  it("refuses dot segments, slashes and control characters, naming the field", () => {
    for (const bad of [
      ".",
      "..",
      " .. ",
      "../invites/x",
      "a/b",
      "a\\b",
      "\u0000",
      "a\u0000b",
      "\u001f",
      "\u007f",
      "",
      "   ",
      "x".repeat(201),
    ]) {
      const result = schema.safeParse(bad);
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(result.error?.issues[0].message).toMatch(/^memberId /);
    }
  });

  it("refuses bidirectional overrides and other invisible format characters, and C1 controls", () => {
    for (const ch of ["\u202E", "\u202A", "\u2066", "\u2069", "\u200B", "\u200D", "\u00AD", "\u2060", "\u0085", "\u009F", "\u2028"]) {
      const result = schema.safeParse(`user-${ch}abc`);
      expect(result.success, `U+${ch.charCodeAt(0).toString(16)}`).toBe(false);
      expect(result.error?.issues[0].message).toMatch(/^memberId must not contain (control|invisible format) characters/);
    }
  });

  it("keeps the ids providers use", () => {
    for (const ok of ["user-abc123", "clsandbox0org0roster00001", "e9b550dc-e58e-4585-9f26-67e715828638", "a.b", "...", "ünï cødé"]) {
      expect(schema.safeParse(ok).success, ok).toBe(true);
    }
  });

  it("guards workspace ids in bodies and queries, Arthur member ids and account ids", () => {
    expect(changeRoleSchema.safeParse({ role: "x", workspaceId: ".." }).success).toBe(false);
    expect(removeMemberQuerySchema.safeParse({ workspaceId: "../x" }).success).toBe(false);
    expect(memberParamsSchema.safeParse({ provider: "arthur", memberId: "not-a-uuid" }).error?.issues[0]).toMatchObject({
      path: ["memberId"],
      message: "memberId must be an Arthur user id (a UUID)",
    });
    expect(memberParamsSchema.safeParse({ provider: "arthur", memberId: "e9b550dc-e58e-4585-9f26-67e715828638" }).success).toBe(true);
    expect(memberParamsSchema.safeParse({ provider: "openai", memberId: "user-abc" }).success).toBe(true);
    expect(accountIdParamsSchema.safeParse({ id: "fuzz-nobody-0" }).success).toBe(false);
  });
});
