import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOpenApi, type OpenApiDoc, validateRequest, validateResponse } from "../../testing/openapi-contract";
import { SANDBOX_ASTRONOMER_ORG_ID } from "./sandbox-org";
import { createAstronomerSandbox } from "./sandbox";
import { ROLE } from "./roles";
import { type Harness, startAstronomerHarness } from "./test-harness";

/**
 * The v1 sandbox and the adapter against Astro's published v1 OpenAPI spec (Ajv): every
 * request the adapter sent and every answer the sandbox gave, refusals included, for
 * every v1 route the sandbox serves. Paths are relative to `/v1`, as recorded.
 */

const SPECS = process.env.ROSTER_SPECS_DIR ?? path.resolve(__dirname, "../../../../shared/specs");
const failures = (errors: string[]) => expect(errors.join("\n")).toBe("");
const swallow = (p: Promise<unknown>) => p.catch(() => undefined);

let doc: OpenApiDoc;
let h: Harness;

async function exercise() {
  const adapter = h.adapter({ pageSize: 40 });
  await adapter.whoami();
  const members = await adapter.listMembers();
  await adapter.listInvites();
  const workspaces = await adapter.listWorkspaces();
  const target = members.find((m) => m.status === "active" && m.role === ROLE.orgMember && m.scopedRoles!.some((s) => s.via))!;
  await adapter.getMember(target.id);
  await adapter.getMember("clnotauser0000000000000000");
  await adapter.invite({ email: "contract.v1@example.com", role: ROLE.orgMember });
  await swallow(adapter.invite({ email: "contract.v1@example.com", role: ROLE.orgMember }));
  // v1 lists no invite ids, so the adapter cannot revoke; the sandbox route is still the spec's.
  const sent = h.running.requests.find(
    (r) => r.method === "POST" && r.pattern === "/organizations/{organizationId}/invites" && r.status === 200,
  )!;
  await h.raw("DELETE", `/organizations/${SANDBOX_ASTRONOMER_ORG_ID}/invites/${(sent.responseBody as { inviteId: string }).inviteId}`);
  await adapter.changeRole({ memberId: target.id, role: ROLE.orgBillingAdmin });
  await adapter.changeRole({ memberId: target.id, role: ROLE.workspaceAuthor, workspaceId: workspaces[0].id });
  await adapter.removeMember({ memberId: target.id, workspaceId: workspaces[0].id });
  await swallow(h.adapter({}, "wrong-token").whoami());
  // The spec's own error statuses: a forbidden part and a missing team.
  await h.setVariance(["team-forbidden"]);
  await adapter.listMembers();
  await h.raw("GET", `/organizations/${SANDBOX_ASTRONOMER_ORG_ID}/teams/clnoteam/members`);
}

beforeAll(async () => {
  doc = loadOpenApi(path.join(SPECS, "astronomer/v1/astronomer-astro-openapi-original.yml"));
  h = await startAstronomerHarness({ users: 160, version: "v1" });
  await exercise();
});
afterAll(() => h.close());

const v1Routes = () => h.definition.routes.filter((r) => r.basePath === "/v1");
const succeeded = (status: number) => status >= 200 && status < 300;

describe("astronomer contract (v1 OpenAPI spec)", () => {
  it("exercised every v1 sandbox route with a successful answer", () => {
    const answered = new Set(
      h
        .answers()
        .filter((a) => succeeded(a.status))
        .map((a) => `${a.method} ${a.pattern}`),
    );
    expect([...answered].sort()).toEqual(
      v1Routes()
        .map((r) => `${r.method} ${r.pattern}`)
        .sort(),
    );
  });

  it("every request sent matches the spec's method, path, query parameters and body", () => {
    expect(h.running.requests.length).toBeGreaterThan(20);
    for (const request of h.running.requests) failures(validateRequest(doc, request));
  });

  it("every answer, errors included, validates against the spec's response for its status", () => {
    expect(new Set(h.running.requests.map((r) => r.status))).toEqual(new Set([200, 204, 400, 401, 403, 404]));
    for (const a of h.answers()) failures(validateResponse(doc, { method: a.method, path: a.pattern, status: a.status, body: a.body }));
  });

  it("the sandbox's error body validates as the spec's Error", () => {
    const body = createAstronomerSandbox({ users: 4 }).errorBody(500, "Internal server error");
    failures(validateResponse(doc, { method: "GET", path: "/organizations/{organizationId}/users", status: 500, body }));
  });

  it("the validator catches drift: an undocumented query parameter and an invite role outside the enum", () => {
    expect(
      validateRequest(doc, { method: "GET", path: "/organizations/o/users", query: [["search", "x"]], body: undefined }).join(),
    ).toMatch(/search/);
    expect(
      validateRequest(doc, {
        method: "POST",
        path: "/organizations/o/invites",
        query: [],
        body: { inviteeEmail: "a@b.c", role: "X" },
      }).join(),
    ).toMatch(/role: must be equal to one of the allowed values/);
  });
});
