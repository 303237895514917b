import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEmails, planInvites } from "@/components/invites/invite-plan";
import { fetchExisting } from "./invites";

/** The invite dialog's reading of pasted emails, and its preview of what is skipped. */

describe("parseEmails", () => {
  it("splits pasted lists, lower-cases, keeps each address once and reports bad entries", () => {
    const parsed = parseEmails(" Ada@Example.com,grace@example.com;\n<alan@example.com>\tnope ada@example.com ");
    expect(parsed.valid).toEqual(["ada@example.com", "grace@example.com", "alan@example.com"]);
    expect(parsed.invalid).toEqual(["nope"]);
    expect(parsed.duplicates).toEqual(["ada@example.com"]);
    expect(parsed.overLimit).toBe(0);
  });

  it("caps a request at 100 addresses", () => {
    const parsed = parseEmails(Array.from({ length: 103 }, (_, i) => `p${i}@example.com`).join(" "));
    expect(parsed.valid).toHaveLength(100);
    expect(parsed.overLimit).toBe(3);
  });
});

describe("planInvites", () => {
  it("says per email and provider what is sent and what skipped", () => {
    const plan = planInvites(["ada@example.com", "bob@example.com", "cy@example.com"], ["openai", "arthur"], {
      byEmail: { "ada@example.com": { openai: "already_member" }, "bob@example.com": { arthur: "already_invited" }, "cy@example.com": {} },
      unchecked: [],
    });
    expect(plan.rows.map((r) => r.outcomes.map((o) => o.outcome))).toEqual([
      ["already_member", "invite"],
      ["invite", "already_invited"],
      ["invite", "invite"],
    ]);
    expect([plan.invites, plan.skips]).toEqual([4, 2]);
  });

  it("marks emails it could not check, and everything before the lookup answers", () => {
    expect(planInvites(["ada@example.com"], ["openai"]).rows[0].outcomes[0].outcome).toBe("unchecked");
    const plan = planInvites(["ada@example.com"], ["openai"], { byEmail: { "ada@example.com": {} }, unchecked: ["ada@example.com"] });
    expect(plan.rows[0].outcomes[0].outcome).toBe("unchecked");
  });
});

describe("fetchExisting", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("reads members from the directory and invites from every provider, exact email only", async () => {
    const fetchMock = vi.fn(async (url: string) => {
      const body = url.startsWith("/api/invites")
        ? { invites: [{ provider: "arthur", email: "ada@example.com" }], errors: [] }
        : url.includes("ada%40example.com")
          ? {
              people: [
                { email: "ada@example.com.au", memberships: [{ provider: "astronomer", status: "active" }] },
                {
                  email: "ada@example.com",
                  memberships: [
                    { provider: "openai", status: "active" },
                    { provider: "astronomer", status: "invited" },
                  ],
                },
              ],
            }
          : null;
      return body
        ? new Response(JSON.stringify(body), { status: 200 })
        : new Response('{"error":{"code":"x","message":"down"}}', { status: 503 });
    });
    vi.stubGlobal("fetch", fetchMock);
    const found = await fetchExisting(["ada@example.com", "bob@example.com"]);
    expect(found.byEmail["ada@example.com"]).toEqual({
      openai: "already_member",
      astronomer: "already_invited",
      arthur: "already_invited",
    });
    expect(found.byEmail["bob@example.com"]).toEqual({});
    expect(found.unchecked).toEqual(["bob@example.com"]);
  });
});
