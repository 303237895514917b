import { describe, expect, it } from "vitest";
import { MAX_EMAILS } from "@/lib/invites/constants";
import { parseEmails, planInvites } from "./invite-plan";

/** What the invite dialog makes of pasted text, and what it will send where. */

describe("parseEmails", () => {
  it("splits on commas, semicolons and white space, lower-cases, and keeps each address once in order", () => {
    expect(parseEmails(" Ada@Example.com, bob@example.com;\n<cy@example.com>\tada@example.com ")).toEqual({
      valid: ["ada@example.com", "bob@example.com", "cy@example.com"],
      invalid: [],
      duplicates: ["ada@example.com"],
      overLimit: 0,
    });
  });

  it("lists what is not an address as typed, and what passes the limit of one request", () => {
    expect(parseEmails("ada@example.com not-an-email @nope").invalid).toEqual(["not-an-email", "@nope"]);
    const many = Array.from({ length: MAX_EMAILS + 3 }, (_, i) => `p${i}@example.com`).join(" ");
    const parsed = parseEmails(many);
    expect(parsed.valid).toHaveLength(MAX_EMAILS);
    expect(parsed.overLimit).toBe(3);
  });
});

describe("planInvites", () => {
  it("invites unless the provider already has the person as a member or invitee; unchecked without a lookup", () => {
    const plan = planInvites(["ada@example.com", "bob@example.com"], ["openai", "arthur"], {
      byEmail: { "ada@example.com": { openai: "already_member" } },
      unchecked: ["bob@example.com"],
    });
    expect(plan.rows).toEqual([
      {
        email: "ada@example.com",
        outcomes: [
          { provider: "openai", outcome: "already_member" },
          { provider: "arthur", outcome: "invite" },
        ],
      },
      {
        email: "bob@example.com",
        outcomes: [
          { provider: "openai", outcome: "unchecked" },
          { provider: "arthur", outcome: "unchecked" },
        ],
      },
    ]);
    expect([plan.invites, plan.skips]).toEqual([3, 1]);
    expect(planInvites(["ada@example.com"], ["openai"]).rows[0].outcomes).toEqual([{ provider: "openai", outcome: "unchecked" }]);
  });
});
