import { describe, expect, it } from "vitest";
import { countStates, decisionProblem, expiresAtFrom, hasJoined, isOverdue, isRetryable, mayHaveSent, planItem, planItems } from "./rules";
import { createInviteRequestSchema, listRequestsQuerySchema } from "./types";

const now = new Date("2026-03-01T12:00:00Z");
const later = new Date("2026-03-08T12:00:00Z");
const pending = { status: "pending" as const, requesterId: "req-1", expiresAt: later };

describe("expiry", () => {
  it("expires a configurable number of days after the request", () => {
    expect(expiresAtFrom(now, 7).toISOString()).toBe("2026-03-08T12:00:00.000Z");
    expect(expiresAtFrom(now, 1).toISOString()).toBe("2026-03-02T12:00:00.000Z");
  });

  it("is overdue only while pending and at or past its expiry", () => {
    expect(isOverdue({ status: "pending", expiresAt: later }, now)).toBe(false);
    expect(isOverdue({ status: "pending", expiresAt: later }, later)).toBe(true);
    expect(isOverdue({ status: "approved", expiresAt: now }, later)).toBe(false);
  });
});

describe("decisions", () => {
  it("lets another operator approve or reject a pending request", () => {
    expect(decisionProblem(pending, "admin-1", "approve", now)).toBeNull();
    expect(decisionProblem(pending, "admin-1", "reject", now)).toBeNull();
  });

  it("never lets the requester approve or reject their own request", () => {
    expect(decisionProblem(pending, "req-1", "approve", now)).toMatchObject({ status: 403, code: "self_approval" });
    expect(decisionProblem(pending, "req-1", "reject", now)).toMatchObject({ status: 403, code: "self_approval" });
  });

  it("refuses self-approval even once the request is decided", () => {
    expect(decisionProblem({ ...pending, status: "approved" }, "req-1", "approve", now)).toMatchObject({ status: 403 });
  });

  it("lets only the requester cancel", () => {
    expect(decisionProblem(pending, "req-1", "cancel", now)).toBeNull();
    expect(decisionProblem(pending, "admin-1", "cancel", now)).toMatchObject({ status: 403, code: "not_requester" });
  });

  it("moves only pending requests", () => {
    for (const status of ["approved", "rejected", "cancelled", "expired"] as const) {
      for (const decision of ["approve", "reject"] as const) {
        const problem = decisionProblem({ ...pending, status }, "admin-1", decision, now);
        expect(problem).toMatchObject({ status: 409, code: "not_pending" });
        expect(problem!.message).toContain(status);
      }
      expect(decisionProblem({ ...pending, status }, "req-1", "cancel", now)).toMatchObject({ status: 409 });
    }
  });

  it("refuses a decision on a request past its expiry", () => {
    expect(decisionProblem(pending, "admin-1", "approve", later)).toMatchObject({ status: 409, code: "expired" });
    expect(decisionProblem(pending, "req-1", "cancel", later)).toMatchObject({ status: 409, code: "expired" });
  });
});

describe("items", () => {
  const providers = [
    { provider: "openai" as const, roleId: "reader", roleName: "reader" },
    { provider: "arthur" as const, roleId: "uuid-1", roleName: "Member" },
  ];

  it("makes one item per email and provider, emails normalised and kept once", () => {
    const { items, emails, duplicates } = planItems([" Ada@Example.com", "bob@example.com", "ada@example.com"], providers);
    expect(emails).toEqual(["ada@example.com", "bob@example.com"]);
    expect(duplicates).toEqual(["ada@example.com"]);
    expect(items.map((i) => `${i.email}/${i.provider}/${i.roleId}`)).toEqual([
      "ada@example.com/openai/reader",
      "ada@example.com/arthur/uuid-1",
      "bob@example.com/openai/reader",
      "bob@example.com/arthur/uuid-1",
    ]);
  });

  it("counts items per state", () => {
    expect(countStates([{ state: "sent" }, { state: "sent" }, { state: "failed" }])).toEqual({
      queued: 0,
      sending: 0,
      sent: 2,
      skipped: 0,
      failed: 1,
    });
  });
});

describe("skip and reconcile rules", () => {
  const nothing = { invite: null, member: false };

  it("sends when the provider shows neither the member nor an invite", () => {
    expect(planItem(nothing, false)).toEqual({ kind: "send" });
    expect(planItem(nothing, true)).toEqual({ kind: "send" });
  });

  it("skips members and people with a pending invite", () => {
    expect(planItem({ invite: null, member: true }, false)).toEqual({ kind: "skip", reason: "already_member" });
    expect(planItem({ invite: { id: "inv-1" }, member: false }, false)).toEqual({ kind: "skip", reason: "already_invited" });
    expect(planItem({ invite: { id: null }, member: false }, false)).toEqual({ kind: "skip", reason: "already_invited" });
  });

  it("takes an invite found after an unanswered send as sent, never sending again", () => {
    expect(planItem({ invite: { id: "inv-1" }, member: false }, true)).toEqual({ kind: "reconciled", inviteId: "inv-1" });
    expect(planItem({ invite: { id: null }, member: false }, true)).toEqual({ kind: "reconciled", inviteId: null });
  });

  it("still skips a member after an unanswered send", () => {
    expect(planItem({ invite: null, member: true }, true)).toEqual({ kind: "skip", reason: "already_member" });
  });
});

describe("retries", () => {
  it("takes up failed and queued items, and sending ones only once their lease is over or released", () => {
    expect(isRetryable({ state: "failed", leaseExpiresAt: null }, now)).toBe(true);
    expect(isRetryable({ state: "queued", leaseExpiresAt: null }, now)).toBe(true);
    expect(isRetryable({ state: "sending", leaseExpiresAt: later }, now)).toBe(false);
    expect(isRetryable({ state: "sending", leaseExpiresAt: now }, later)).toBe(true);
    expect(isRetryable({ state: "sending", leaseExpiresAt: null }, now)).toBe(true);
    expect(isRetryable({ state: "sent", leaseExpiresAt: null }, now)).toBe(false);
    expect(isRetryable({ state: "skipped", leaseExpiresAt: null }, now)).toBe(false);
  });

  it("knows when an earlier attempt may have reached the provider", () => {
    expect(mayHaveSent({ state: "sending", maybeSent: false })).toBe(true);
    expect(mayHaveSent({ state: "failed", maybeSent: true })).toBe(true);
    expect(mayHaveSent({ state: "failed", maybeSent: false })).toBe(false);
    expect(mayHaveSent({ state: "queued", maybeSent: false })).toBe(false);
  });
});

describe("Arthur accounts", () => {
  it("counts an account as joined only with a name of its own", () => {
    expect(hasJoined({ id: "u1", name: "Ada Lovelace", email: "ada@example.com" })).toBe(true);
    expect(hasJoined({ id: "u1", name: "ada@example.com", email: "Ada@Example.com" })).toBe(false);
    expect(hasJoined({ id: "u1", name: "", email: "ada@example.com" })).toBe(false);
    expect(hasJoined({ id: "u1", name: "u1", email: null })).toBe(false);
  });
});

describe("request input", () => {
  const valid = { emails: ["ada@example.com"], providers: [{ provider: "openai", role: "reader" }], reason: "New analyst" };

  function firstIssue(input: unknown) {
    const result = createInviteRequestSchema.safeParse(input);
    return result.success ? null : { path: result.error.issues[0].path.join("."), message: result.error.issues[0].message };
  }

  it("accepts a list, or one string of emails", () => {
    expect(createInviteRequestSchema.parse(valid).emails).toEqual(["ada@example.com"]);
    expect(createInviteRequestSchema.parse({ ...valid, emails: "Ada@Example.com, bob@example.com\ncy@example.com" }).emails).toEqual([
      "ada@example.com",
      "bob@example.com",
      "cy@example.com",
    ]);
  });

  it("names the bad email and where it is", () => {
    expect(firstIssue({ ...valid, emails: ["ada@example.com", "not-an-email"] })).toEqual({
      path: "emails.1",
      message: '"not-an-email" is not an email address',
    });
  });

  it("names the field for missing or malformed parts", () => {
    expect(firstIssue({ ...valid, emails: [] })?.path).toBe("emails");
    expect(firstIssue({ ...valid, reason: " " })).toEqual({ path: "reason", message: "reason is required" });
    expect(firstIssue({ ...valid, providers: [{ provider: "slack", role: "x" }] })?.path).toBe("providers.0.provider");
    expect(firstIssue({ ...valid, providers: [{ provider: "openai", role: "" }] })?.path).toBe("providers.0.role");
    expect(firstIssue({ ...valid, providers: [valid.providers[0], valid.providers[0]] })?.message).toMatch(/each provider once/);
    expect(firstIssue({ ...valid, colour: "red" })?.message).toMatch(/colour/);
  });

  it("parses list filters", () => {
    expect(listRequestsQuerySchema.parse({ status: "pending,approved", mine: "true" })).toMatchObject({
      status: ["pending", "approved"],
      mine: true,
      page: 1,
    });
    expect(listRequestsQuerySchema.safeParse({ status: "done" }).success).toBe(false);
  });
});
