import { describe, expect, it } from "vitest";
import { ACTION_LABELS, AUDIT_ACTIONS, type AuditAction, auditActionLabel } from "./constants";
import { describeEvent } from "./describe";
import type { AuditEvent } from "./types";
import { withTempDatabase } from "../testing/temp-db";

/** The one recipe for an audited change, the labels and the sentences, on a fresh PGlite (or DATABASE_URL). */
const { backend } = withTempDatabase("audit-change-test");
const run = `${process.pid}-${Date.now()}`;

const { getDb } = await import("../db");
const { attemptOf, auditedChange, auditedFailure, Refusal, refuse } = await import("./change");
const { listAudit } = await import("./log");
const { verifyChain } = await import("./chain");
const { auditCsv } = await import("./csv");
const { ProviderError } = await import("../providers/errors");

const operator = { id: "00000000-0000-4000-8000-000000000001", email: `recipe-${run}@example.com`, name: "Recipe", role: "admin" as const };
const ctx = { operator, requestId: `req-${run}` };
const mine = () => listAudit({ actor: operator.email, page: 1, pageSize: 50 });
const change = (email: string) =>
  attemptOf(ctx, {
    action: "change_role",
    provider: "openai",
    target: { id: `user-${email}`, email },
    before: { role: "reader" },
    after: { role: "owner" },
  });

describe("labels", () => {
  it("every action has a label (type-level: a missing key does not compile; runtime: none empty, none extra)", () => {
    // @ts-expect-error a Record<AuditAction, string> without every action is refused by the compiler
    const incomplete: Record<AuditAction, string> = { change_role: "Change role" };
    expect(incomplete).toBeTruthy();
    expect(Object.keys(ACTION_LABELS).sort()).toEqual([...AUDIT_ACTIONS].sort());
    for (const action of AUDIT_ACTIONS) expect(ACTION_LABELS[action].trim(), action).not.toBe("");
    expect(auditActionLabel("offboard")).toBe("Remove everywhere");
    expect(auditActionLabel("some_future_action")).toBe("Some future action");
  });

  it("every action reads as a sentence without raw JSON, even with its fields missing", () => {
    const base: Omit<AuditEvent, "description"> = {
      id: 1,
      parentId: null,
      at: new Date().toISOString(),
      actor: { id: null, email: "ops@example.com", role: "admin" },
      action: "change_role",
      provider: "arthur",
      target: { id: "7b0c1a5e-0000-4000-8000-000000000000", email: null },
      before: null,
      after: null,
      outcome: "success",
      providerStatus: null,
      providerMessage: null,
      requestId: null,
      completedAt: null,
    };
    for (const action of AUDIT_ACTIONS) {
      for (const shape of [{}, { before: { role: "reader", name: "ci" }, after: { role: "owner", name: "ci", emails: ["a@x.io"] } }]) {
        const sentence = describeEvent({ ...base, action, ...shape });
        expect(sentence, action).toMatch(/^[A-Z]/);
        expect(sentence, action).not.toMatch(/[{}]|\[object|undefined/);
      }
    }
    const operatorChange = { ...base, action: "update_operator", provider: null, target: { id: "o1", email: "ana@example.com" } };
    expect(describeEvent({ ...operatorChange, before: { role: "admin", disabled: false }, after: { role: "admin", disabled: true } })).toBe(
      "Disable operator ana@example.com",
    );
    expect(describeEvent({ ...base, before: { role: null, name: "ci-bot" }, after: { role: "Member", name: "ci-bot" } })).toBe(
      'Change the role of "ci-bot" on Arthur from no role to Member',
    );
    expect(
      describeEvent({
        ...base,
        action: "send_invite",
        provider: "astronomer",
        target: { id: "i1", email: "bo@example.com" },
        after: { role: "ORGANIZATION_MEMBER" },
      }),
    ).toBe("Invite bo@example.com to Astronomer as Organization Member");
  });
});

describe("the chain with steps", () => {
  it("a row without a parent hashes as rows did before parent_id existed (old rows keep verifying); a step's parent is chained", async () => {
    const { hashEntry } = await import("./chain");
    const old = {
      at: new Date("2026-11-01T00:00:00Z"),
      kind: "attempt",
      attemptId: null,
      actorId: null,
      actorEmail: "a@x.io",
      actorRole: "admin",
      action: "remove_member",
      provider: "openai",
      targetId: "u1",
      targetEmail: null,
      before: null,
      after: null,
      outcome: "success",
      providerStatus: null,
      providerMessage: null,
      requestId: null,
    };
    const key = Buffer.alloc(32, 7);
    // What the chain code before parent_id (commit 2fbdf0d) computed for this row.
    const before = "k1:b16524205d49771b4f309b5da7a2892d1b0c2c9ededd89e5923a7410c79ed338";
    expect(hashEntry("0".repeat(64), { ...old, parentId: null }, key)).toBe(before);
    expect(hashEntry("0".repeat(64), { ...old, parentId: 41 }, key)).not.toBe(before);
  });
});

describe(`auditedChange (${backend})`, () => {
  it("writes the attempt before the work runs, then exactly one result per outcome", async () => {
    let seenBefore = -1;
    await auditedChange(change("ok@x.io"), async () => {
      seenBefore = (await mine()).events.filter((e) => e.target.email === "ok@x.io" && e.outcome === "pending").length;
    });
    await expect(auditedChange(change("no@x.io"), () => Promise.reject(new Refusal("last_owner", "last owner")))).rejects.toThrow(
      "last owner",
    );
    const providerDown = new ProviderError({ provider: "openai", kind: "http", status: 503, message: "busy" });
    await expect(auditedChange(change("down@x.io"), () => Promise.reject(providerDown))).rejects.toBe(providerDown);
    await auditedChange(change("skip@x.io"), async (step) => step.settle({ outcome: "skipped", providerMessage: "already a member" }));
    await expect(auditedFailure(change("unread@x.io"), new Error("roles unread"))).rejects.toThrow("roles unread");
    await expect(refuse(change("early@x.io"), "confirm_self", "confirm first")).rejects.toMatchObject({
      status: 409,
      code: "confirm_self",
    });
    await expect(refuse(change("gone@x.io"), "not_found", "no such member")).rejects.toMatchObject({ status: 404 });

    expect(seenBefore).toBe(1);
    const { events } = await mine();
    const outcome = (email: string) => events.find((e) => e.target.email === email);
    expect(outcome("ok@x.io")).toMatchObject({ outcome: "success" });
    expect(outcome("no@x.io")).toMatchObject({ outcome: "refused", providerMessage: "last owner" });
    expect(outcome("down@x.io")).toMatchObject({ outcome: "failure", providerStatus: 503, providerMessage: "busy" });
    expect(outcome("skip@x.io")).toMatchObject({ outcome: "skipped", providerMessage: "already a member" });
    expect(outcome("unread@x.io")).toMatchObject({ outcome: "failure", providerMessage: "roles unread" });
    expect(outcome("early@x.io")).toMatchObject({ outcome: "refused" });
    expect(outcome("gone@x.io")).toMatchObject({ outcome: "refused" });
    expect(events.every((e) => e.outcome !== "pending")).toBe(true);
  });

  it("groups steps under their parent: the parent is listed (and matched by its steps' filters), the steps inside it, and the chain verifies", async () => {
    const parent = attemptOf(ctx, { action: "offboard", target: { email: "leaver@x.io" }, before: null, after: null });
    const parentId = await auditedChange(parent, async (entry) => {
      for (const provider of ["openai", "arthur"] as const) {
        const step = attemptOf(
          { ...ctx, parentAuditId: entry.auditId },
          {
            action: "remove_member",
            provider,
            target: { id: `${provider}-1`, email: "leaver@x.io" },
            before: { role: "reader" },
            after: null,
          },
        );
        await auditedChange(step, async () => {});
      }
    });
    const byAction = await listAudit({ actor: operator.email, action: "offboard", page: 1, pageSize: 10 });
    expect(byAction.events).toHaveLength(1);
    expect(byAction.events[0]).toMatchObject({ id: parentId, action: "offboard", outcome: "success" });
    expect(byAction.events[0].steps?.map((s) => [s.action, s.provider, s.parentId])).toEqual([
      ["remove_member", "openai", parentId],
      ["remove_member", "arthur", parentId],
    ]);
    expect(byAction.events[0].description).toBe("Remove leaver@x.io from OpenAI, Arthur: 2 of 2 steps done");
    // A step's own action or provider finds the entry it belongs to, never the step alone.
    const byStep = await listAudit({ actor: operator.email, action: "remove_member", provider: "arthur", page: 1, pageSize: 10 });
    expect(byStep.events.map((e) => e.id)).toEqual([parentId]);
    const all = await mine();
    expect(all.events.some((e) => e.parentId !== null)).toBe(false);

    const csv = await auditCsv({ actor: operator.email, action: "offboard" });
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain("Remove leaver@x.io from OpenAI, Arthur");
    expect(lines[2]).toMatch(new RegExp(`^\\d+,${parentId},.*Remove leaver@x\\.io from OpenAI`));
    expect((await verifyChain(await getDb())).ok).toBe(true);
  });
});
