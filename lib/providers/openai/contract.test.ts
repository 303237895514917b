import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOpenApi, type OpenApiDoc, validateRequest, validateResponse } from "../../testing/openapi-contract";
import { createOpenAIAdapter } from "./adapter";
import { LEGACY_INVITE } from "./test-fixtures";
import { type OpenAITestSandbox, startOpenAISandbox } from "./test-sandbox";

/**
 * The sandbox and the adapter against the published OpenAI spec: every request the
 * adapter sent and every response the sandbox gave (faults and refused tokens
 * included), for every endpoint the adapter uses, must validate. Paths in the spec
 * are relative to the `/v1` base path, as the sandbox's recorded paths are.
 */

const SPECS = process.env.ROSTER_SPECS_DIR ?? path.resolve(__dirname, "../../../../shared/specs");

/**
 * None of the org-user, invite or admin-key operations documents an error response, so an
 * error body is checked against `ErrorResponse` where the spec does use it: the 400 of
 * POST /organization/projects/{project_id}/users.
 */
const validateErrorBody = (doc: OpenApiDoc, body: unknown) =>
  validateResponse(doc, { method: "POST", path: "/organization/projects/{project_id}/users", status: 400, body });

const failures = (errors: string[]) => expect(errors.join("\n")).toBe("");

let doc: OpenApiDoc;
let legacyDoc: OpenApiDoc;
let sb: OpenAITestSandbox;
const succeeded = (status: number) => status >= 200 && status < 300;

async function driveEveryOperation() {
  const { adapter, raw } = sb;
  const swallow = (p: Promise<unknown>) => p.catch(() => undefined);

  await adapter.whoami();
  const members = await adapter.listMembers();
  await adapter.listInvites();
  await adapter.getMember(members[4].id);
  await adapter.getMember("user-missing");
  const invite = await adapter.invite({ email: "contract@example.com", role: "owner" });
  await raw("GET", `/organization/invites/${invite!.id}`);
  await adapter.revokeInvite(invite!.id);
  const withProjects = await adapter.invite({
    email: "projects@example.com",
    role: "reader",
    projects: [
      { id: "proj_research", role: "owner" },
      { id: "proj_support", role: "member" },
    ],
  });
  await adapter.revokeInvite(withProjects!.id);
  await adapter.changeRole({ memberId: members[4].id, role: "owner" });
  await adapter.changeRole({ memberId: members[4].id, role: "reader" });
  await adapter.removeMember({ memberId: members[5].id });
  await adapter.readChanges!(new Date(Date.now() - 30 * 86_400_000));
  await adapter.readUsage!(new Date(Date.now() - 45 * 86_400_000));

  // Projects: the read (with the archived ones listed on request), one member's project roles, add, change, remove.
  await raw("GET", "/organization/projects?include_archived=true");
  await adapter.listWorkspaces();
  const outsider = members.find((m) => !m.scopedRoles?.some((s) => s.scopeId === "proj_research") && m.kind === "person")!;
  await adapter.changeRole({ memberId: outsider.id, role: "member", workspaceId: "proj_research", add: true });
  await adapter.changeRole({ memberId: outsider.id, role: "owner", workspaceId: "proj_research" });
  await adapter.getMember(outsider.id);
  await adapter.removeMember({ memberId: outsider.id, workspaceId: "proj_research" });
  await swallow(adapter.changeRole({ memberId: outsider.id, role: "owner", workspaceId: "proj_research" }));
  await swallow(adapter.changeRole({ memberId: members[0].id, role: "member", workspaceId: "proj_default", add: true }));
  await swallow(raw("GET", "/organization/projects/proj_legacy/users"));

  const wire = (await raw("GET", "/organization/invites?limit=100")).body as { data: Array<{ id: string; status: string; email: string }> };
  await swallow(adapter.revokeInvite(wire.data.find((i) => i.status === "accepted")!.id));
  await swallow(adapter.invite({ email: members[6].email!, role: "reader" }));
  await swallow(adapter.removeMember({ memberId: "user-missing" }));
  sb.running.faults.add({ route: "/organization/users", status: 500, times: 3 });
  await swallow(adapter.listMembers());
  await swallow(createOpenAIAdapter({ baseUrl: sb.running.baseUrl, token: "wrong" }).listInvites());
}

beforeAll(async () => {
  doc = loadOpenApi(path.join(SPECS, "openai/openapi.yaml"));
  legacyDoc = loadOpenApi(path.join(SPECS, "openai/manual_spec/openapi.yaml"));
  sb = await startOpenAISandbox(240);
  await driveEveryOperation();
});
afterAll(() => sb.running.close());

describe("OpenAI contract (openai/openapi.yaml)", () => {
  it("exercised every sandbox route with a successful answer", () => {
    const answered = new Set(
      sb
        .answers()
        .filter((c) => succeeded(c.status))
        .map((c) => `${c.method} ${c.pattern}`),
    );
    expect([...answered].sort()).toEqual(sb.definition.routes.map((r) => `${r.method} ${r.pattern}`).sort());
  });

  it("every request sent matches the spec's method, path, query parameters and body", () => {
    expect(sb.running.requests.length).toBeGreaterThan(10);
    for (const request of sb.running.requests) failures(validateRequest(doc, request));
  });

  it("every successful answer validates against the spec's response schema", () => {
    for (const answer of sb.answers().filter((c) => succeeded(c.status))) {
      failures(validateResponse(doc, { method: answer.method, path: answer.pattern, status: answer.status, body: answer.body }));
    }
  });

  it("every error answer is an ErrorResponse", () => {
    const errors = sb.answers().filter((c) => c.status >= 400);
    expect(new Set(errors.map((c) => c.status))).toEqual(new Set([400, 401, 404, 500]));
    for (const answer of errors) failures(validateErrorBody(doc, answer.body));
    for (const status of [400, 401, 404, 405, 429, 500, 503]) failures(validateErrorBody(doc, sb.definition.errorBody(status, "message")));
  });

  it("fails on drift", () => {
    const user = sb.answers().find((c) => c.pattern === "/organization/users/{user_id}" && c.status === 200)!;
    const { added_at: _added, ...drifted } = user.body as Record<string, unknown>;
    expect(validateResponse(doc, { method: "GET", path: user.pattern, status: 200, body: drifted }).length).toBeGreaterThan(0);
    expect(
      validateRequest(doc, { method: "GET", path: "/organization/users", query: [["page", "2"]], body: undefined }).length,
    ).toBeGreaterThan(0);
    expect(validateErrorBody(doc, { error: { message: "m", type: "t" } }).length).toBeGreaterThan(0);
  });
});

describe("older invite shape (openai/manual_spec/openapi.yaml)", () => {
  it("the legacy fixture the adapter accepts is the older spec's invite, not the current one", () => {
    failures(validateResponse(legacyDoc, { method: "GET", path: "/organization/invites/{invite_id}", status: 200, body: LEGACY_INVITE }));
    expect(
      validateResponse(doc, { method: "GET", path: "/organization/invites/{invite_id}", status: 200, body: LEGACY_INVITE }).join(),
    ).toMatch(/created_at/);
  });
});
