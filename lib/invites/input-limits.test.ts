import { describe, expect, it } from "vitest";
import { INPUT_LIMITS } from "../limits";
import { arthurEmail } from "../providers/arthur/email";
import { addOperatorSchema } from "../operators/types";
import { createArthurUserSchema } from "../service-accounts/types";
import { emailProblem } from "./constants";
import { createInviteRequestSchema } from "./types";

const request = (emails: string[], provider: string, reason = "New hire") =>
  createInviteRequestSchema.safeParse({ emails, providers: [{ provider, role: "reader" }], reason });

describe("input limits and emails in any script (issue 13, item 11)", () => {
  it("takes RFC 5321's lengths: 64 before the @, 254 in all", () => {
    expect(emailProblem(`${"a".repeat(64)}@example.com`)).toBeNull();
    expect(emailProblem(`${"a".repeat(65)}@example.com`)).toMatch(/more than 64 characters before the @/);
    const long = `a@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.${"e".repeat(57)}.com`;
    expect(long.length).toBeGreaterThan(254);
    expect(emailProblem(long)).toMatch(/longer than 254/);
  });

  it("accepts internationalised addresses for OpenAI and Astronomer as typed", () => {
    for (const provider of ["openai", "astronomer"]) {
      const parsed = request(["Jörg@Exämple.com"], provider);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(parsed.data?.emails).toEqual(["jörg@exämple.com"]);
    }
  });

  it("Arthur: a domain in any script is fine, a local part outside ASCII is refused naming the email", () => {
    expect(request(["joerg@exämple.com"], "arthur").success).toBe(true);
    const refused = request(["ok@example.com", "jörg@exämple.com"], "arthur");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0].path).toEqual(["emails", 1]);
    expect(refused.error?.issues[0].message).toMatch(/"jörg@exämple.com" cannot be invited to Arthur/);
    const user = createArthurUserSchema.safeParse({ firstName: "Jörg", email: "jörg@example.com", password: "a-long-password-1" });
    expect(user.error?.issues[0].path).toEqual(["email"]);
  });

  it("sends Arthur the domain in its ASCII form", () => {
    expect(arthurEmail("joerg@exämple.com")).toBe("joerg@xn--exmple-cua.com");
    expect(arthurEmail("ada@example.com")).toBe("ada@example.com");
  });

  it("names and reasons stop at the shared limits", () => {
    expect(request(["a@example.com"], "openai", "x".repeat(INPUT_LIMITS.reason)).success).toBe(true);
    const long = request(["a@example.com"], "openai", "x".repeat(INPUT_LIMITS.reason + 1));
    expect(long.error?.issues[0]).toMatchObject({ path: ["reason"], message: `reason must be at most ${INPUT_LIMITS.reason} characters` });
    const name = addOperatorSchema.safeParse({
      email: "a@example.com",
      name: "n".repeat(INPUT_LIMITS.name + 1),
      role: "viewer",
      password: "a-long-password-1",
    });
    expect(name.error?.issues.map((i) => i.path[0])).toContain("name");
  });
});
