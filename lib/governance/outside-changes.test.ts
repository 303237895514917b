import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AuditEvent } from "../audit/types";
import { type OpenAITestSandbox, startOpenAISandbox } from "../providers/openai/test-sandbox";
import type { Member } from "../providers/types";
import { outsideOf } from "./outside-changes";

/**
 * The OpenAI sandbox logs every change made through its API (Roster's) and those made in the
 * "dashboard" (its test hook); matched against Roster's audit log, only the latter are flagged.
 */

let sb: OpenAITestSandbox;
beforeAll(async () => {
  sb = await startOpenAISandbox(240);
});
afterAll(() => sb.running.close());
beforeEach(() => sb.reset());

function rosterEntry(action: string, target: Member, at = new Date()): AuditEvent {
  return {
    id: 1,
    parentId: null,
    at: at.toISOString(),
    actor: { id: null, email: "admin@roster.demo", role: "admin" },
    action,
    provider: "openai",
    target: { id: target.id, email: target.email },
    before: null,
    after: null,
    outcome: "success",
    providerStatus: 200,
    providerMessage: null,
    requestId: null,
    completedAt: at.toISOString(),
    description: "",
  };
}

async function outsideChange(body: unknown) {
  const res = await fetch(`${sb.running.baseUrl.replace(/\/v1$/, "")}/__sandbox/openai/outside-change`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

describe("changes made outside Roster (OpenAI audit log)", () => {
  it("reads the seeded dashboard changes as outside ones, with who made them", async () => {
    const changes = await sb.adapter.readChanges!(new Date(Date.now() - 30 * 86_400_000));
    const outside = outsideOf(changes, []);
    expect(outside.map((c) => c.action).sort()).toEqual(["invite_sent", "member_removed", "role_changed"]);
    for (const change of outside) expect(change.actor).toMatchObject({ kind: "session", email: expect.stringContaining("@") });
    expect(outside.find((c) => c.action === "role_changed")).toMatchObject({ role: "owner", targetId: expect.stringMatching(/^user-/) });
  });

  it("flags a change made in the dashboard and not Roster's own change", async () => {
    const since = new Date(Date.now() - 60_000);
    const members = await sb.adapter.listMembers();
    const readers = members.filter((m) => m.role === "reader" && m.kind === "person");
    const [mine, theirs] = [readers[5], readers[6]];
    // Roster's change: through the API, and in Roster's audit log.
    await sb.adapter.changeRole({ memberId: mine.id, role: "owner" });
    const log = [rosterEntry("change_role", mine)];
    // Someone else's, in the dashboard.
    await outsideChange({ action: "remove", userId: theirs.id });

    const changes = await sb.adapter.readChanges!(since);
    expect(changes.map((c) => [c.action, c.targetId, c.actor.kind]).sort()).toEqual(
      [
        ["member_removed", theirs.id, "session"],
        ["role_changed", mine.id, "api_key"],
      ].sort(),
    );
    const outside = outsideOf(changes, log);
    expect(outside.map((c) => [c.action, c.targetId])).toEqual([["member_removed", theirs.id]]);
    // Without Roster's entry its own change would look like an outside one.
    expect(outsideOf(changes, [])).toHaveLength(2);
  });
});
