import { expect, test } from "@playwright/test";
import type { ChangePlan } from "../../lib/changes/dry-run";
import type { PersonDetailResponse } from "../../lib/changes/types";
import type { UsersResponse } from "../../lib/directory/types";
import type { ApprovalRequiredResponse, InviteRequestResponse } from "../../lib/invites/types";
import { E2E } from "../env";
import { portFrom, RosterClient, startRoster, startSandboxes, tempDataDir, type RosterServer } from "./servers";

/**
 * The mass-change guard (lib/changes/mass-change.ts) on a server of its own with a low
 * threshold (3 memberships in a 1-minute window): changes under it run at once; the one
 * that would cross it answers 202 with a change request and changes nothing on the
 * sandbox; single calls cannot split their way past it; a second admin's approval runs it
 * (the requester's own is refused); an API token is refused; the window slides.
 */

const port = portFrom("ROSTER_MASS_CHANGE_PORT", 6300);
const sandboxPort = portFrom("ROSTER_MASS_CHANGE_SANDBOX_PORT", 6310);
const WINDOW_MS = 60_000;

let sandboxes: Awaited<ReturnType<typeof startSandboxes>>;
let server: RosterServer;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  sandboxes = await startSandboxes(sandboxPort);
  server = await startRoster({
    port,
    sandboxPort,
    dataDir: tempDataDir("mass-change"),
    env: { ROSTER_MASS_CHANGE_THRESHOLD: "3", ROSTER_MASS_CHANGE_WINDOW_MINUTES: "1" },
  });
});

test.afterAll(async () => {
  server?.kill("SIGTERM");
  await server?.exited;
  await sandboxes?.stop();
});

async function readers(client: RosterClient, count: number) {
  expect((await client.call("POST", "/api/sync", { provider: "openai" })).status).toBe(200);
  const list = (await client.get<UsersResponse>("/api/users?pageSize=100&provider=openai&status=active&kind=person&role=reader")).body;
  const members = list.people.flatMap((p) =>
    p.memberships.filter((m) => m.provider === "openai" && !m.managed).map((m) => ({ id: m.id, email: p.email ?? "" })),
  );
  expect(members.length).toBeGreaterThanOrEqual(count);
  return members.slice(0, count);
}

async function onOpenAi(client: RosterClient, email: string): Promise<boolean> {
  const person = await client.get<PersonDetailResponse>(`/api/people/${encodeURIComponent(email)}`);
  if (person.status === 404) return false;
  return person.body.memberships.some((m) => m.provider === "openai" && m.status === "active");
}

test("dry runs answer the plan from the provider and change nothing", async () => {
  const owner = await new RosterClient(server.url).signIn(E2E.operators.owner);
  const [m] = await readers(owner, 1);
  const auditBefore = (await owner.get<{ total: number }>("/api/audit")).body.total;

  const remove = await owner.call<ChangePlan>("DELETE", `/api/members/openai/${encodeURIComponent(m.id)}?dryRun=true`);
  expect(remove.status, JSON.stringify(remove.body)).toBe(200);
  expect(remove.body).toMatchObject({ dryRun: true, refusals: [], approval: { required: false, massChange: { recent: 0, threshold: 3 } } });
  expect(remove.body.steps).toEqual([expect.objectContaining({ provider: "openai", action: "remove_member", targetId: m.id, skip: null })]);

  // An admin-level grant: the plan names the two-person rule.
  const grant = await owner.call<ChangePlan>("PATCH", `/api/members/openai/${encodeURIComponent(m.id)}?dryRun=true`, { role: "owner" });
  expect(grant.status, JSON.stringify(grant.body)).toBe(200);
  expect(grant.body.approval.required).toBe(true);
  expect(grant.body.approval.reasons.join(" ")).toContain("two-person rule");
  // The same role: nothing would change, and the plan says so.
  const same = await owner.call<ChangePlan>("PATCH", `/api/members/openai/${encodeURIComponent(m.id)}?dryRun=true`, { role: "reader" });
  expect(same.body.steps[0].skip).toContain("Already reader");

  const offboard = await owner.call<ChangePlan>("POST", `/api/people/${encodeURIComponent(m.email)}/offboard?dryRun=true`, {});
  expect(offboard.status, JSON.stringify(offboard.body)).toBe(200);
  expect(offboard.body.steps.length).toBeGreaterThanOrEqual(1);

  // Nothing changed on the sandbox, nothing on the audit log.
  expect(await onOpenAi(owner, m.email)).toBe(true);
  expect((await owner.get<{ total: number }>("/api/audit")).body.total).toBe(auditBefore);

  // A dryRun that is no boolean is bad input (422, audited as a refused request like any other).
  const bad = await owner.call<{ error: { code: string } }>("DELETE", `/api/members/openai/${encodeURIComponent(m.id)}?dryRun=maybe`);
  expect(bad.status).toBe(422);
});

test("the guard holds the change that crosses the threshold until a second admin approves it", async () => {
  test.setTimeout(300_000);
  const admin = await new RosterClient(server.url).signIn(E2E.operators.admin);
  const owner = await new RosterClient(server.url).signIn(E2E.operators.owner);
  const people = await readers(admin, 8);

  // Three single removals: under the threshold, each runs at once.
  const firstAt = Date.now();
  for (const m of people.slice(0, 3)) {
    const res = await admin.call("DELETE", `/api/members/openai/${encodeURIComponent(m.id)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }

  // The fourth single call would cross it: 202 with the request it opened, and nothing removed.
  const held = await admin.call<ApprovalRequiredResponse & { massChange: { note: string; recent: number; threshold: number } }>(
    "DELETE",
    `/api/members/openai/${encodeURIComponent(people[3].id)}`,
  );
  expect(held.status, JSON.stringify(held.body)).toBe(202);
  expect(held.body.request).toMatchObject({ kind: "mass_change", status: "pending", requester: { email: E2E.operators.admin } });
  expect(held.body.massChange).toMatchObject({ recent: 3, threshold: 3 });
  expect(held.body.massChange.note).toContain("This needs a second admin's approval (more than 3 changes in 1 minutes");
  expect(await onOpenAi(admin, people[3].email)).toBe(true);

  // The dry run of the next change says it would wait, with the note the dialogs show.
  const plan = await admin.call<ChangePlan>("DELETE", `/api/members/openai/${encodeURIComponent(people[5].id)}?dryRun=true`);
  expect(plan.body.approval).toMatchObject({ required: true, massChange: { needsApproval: true } });
  expect(plan.body.approval.massChange.note).toContain("This needs a second admin's approval");

  // Splitting does not help: the next single call (a role change) is held too.
  const split = await admin.call<ApprovalRequiredResponse>("PATCH", `/api/members/openai/${encodeURIComponent(people[4].id)}`, {
    role: "reader",
  });
  expect(split.status, JSON.stringify(split.body)).toBe(202);
  expect(split.body.request.kind).toBe("mass_change");

  // The requester cannot approve their own; another admin (the owner) can, and that runs it once.
  const self = await admin.call<{ error: { code: string } }>("POST", `/api/invite-requests/${held.body.request.id}/approve`, {});
  expect(self.status).toBe(403);
  expect(self.body.error.code).toBe("self_approval");
  expect(await onOpenAi(admin, people[3].email)).toBe(true);
  const approved = await owner.call<InviteRequestResponse>("POST", `/api/invite-requests/${held.body.request.id}/approve`, {
    reason: "checked",
  });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  expect(approved.body.request).toMatchObject({ status: "approved", outcome: { state: "done" } });
  expect(await onOpenAi(admin, people[3].email)).toBe(false);

  // Audited as one entry with its item as a step, by the approver, naming the request.
  const audit = await owner.get<{
    events: Array<{
      action: string;
      actor: { email: string };
      outcome: string;
      steps?: Array<{ action: string; after: { approval?: { request: string } } | null }>;
    }>;
  }>("/api/audit?action=mass_change");
  const entry = audit.body.events[0];
  expect(entry).toMatchObject({ action: "mass_change", actor: { email: E2E.operators.owner }, outcome: "success" });
  expect(entry.steps?.map((s) => s.action)).toEqual(["remove_member"]);

  // An API token (counted on its own) is refused past the threshold: it cannot ask for an approval.
  const token = await owner.call<{ secret: string }>("POST", "/api/tokens", {
    name: `mass-${Date.now().toString(36)}`,
    role: "admin",
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  expect(token.status, JSON.stringify(token.body)).toBe(200);
  const asToken = (memberId: string) =>
    fetch(`${server.url}/api/members/openai/${encodeURIComponent(memberId)}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token.body.secret}` },
    });
  for (const m of people.slice(5, 8)) expect((await asToken(m.id)).status).toBe(200);
  const more = await readers(admin, 1);
  const refused = await asToken(more[0].id);
  expect(refused.status).toBe(403);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("mass_change_threshold");
  expect(await onOpenAi(admin, more[0].email)).toBe(true);

  // The window slides: once the first three removals are older than a minute, the admin acts alone again.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstAt + WINDOW_MS + 2_000 - Date.now())));
  const again = await admin.call("DELETE", `/api/members/openai/${encodeURIComponent(more[0].id)}`);
  expect(again.status, JSON.stringify(again.body)).toBe(200);
  expect(await onOpenAi(admin, more[0].email)).toBe(false);
});
