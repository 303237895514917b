import { describe, expect, it } from "vitest";
import { deviationText } from "./read-report-words";

describe("deviation words", () => {
  it("says each kind of deviation in plain words, with its count", () => {
    expect(deviationText({ kind: "invite.projects missing", count: 12, example: "invite-abc" })).toBe("12 invites had no `projects`");
    expect(deviationText({ kind: "user.role unknown", count: 3, example: "member" })).toBe(
      "3 users had a role Roster doesn't know: `member`",
    );
    expect(deviationText({ kind: "invite.projects.role unknown", count: 1, example: "viewer" })).toBe(
      "1 invite had a role Roster doesn't know: `viewer`",
    );
    expect(deviationText({ kind: "user.user_type unknown", count: 2, example: "bot" })).toBe(
      "2 users had a user type Roster doesn't know: `bot`",
    );
    expect(deviationText({ kind: "user.first_name null", count: 1, example: "u1" })).toBe("1 user had an empty (null) `first_name`");
    expect(deviationText({ kind: "user.added_at other format", count: 4, example: "1711471533123" })).toBe(
      "4 users had `added_at` in another format (e.g. 1711471533123), read anyway",
    );
    expect(deviationText({ kind: "role_binding.bound_member_kind unknown", count: 1, example: "team" })).toBe(
      "1 role binding had a bound member kind Roster doesn't know: `team`",
    );
    expect(deviationText({ kind: "user dropped (no id)", count: 2, example: "{}" })).toBe("2 users had no id and were left out");
    expect(deviationText({ kind: "user duplicate", count: 1, example: "u9" })).toBe("1 user was listed twice (kept once), e.g. `u9`");
  });
});
