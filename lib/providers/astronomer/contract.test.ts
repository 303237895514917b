import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { type AstronomerDocs, type DocType, loadAstronomerDocs } from "../../testing/astronomer-docs";
import { createAstronomerSandbox } from "./sandbox";
import { ROLE } from "./roles";
import { WIRE_MODELS } from "./schemas";
import { type Harness, startAstronomerHarness } from "./test-harness";

/**
 * The sandbox and the adapter against the published v1alpha1 contract (the generated
 * client docs): every request the adapter sent and every response the sandbox gave.
 */

const DOCS = path.join(
  process.env.ROSTER_SPECS_DIR ?? path.resolve(__dirname, "../../../../shared/specs"),
  "astronomer/v1alpha1/client/docs",
);

/** The operations Roster uses; each must be exercised below. */
const USED_OPERATIONS = [
  "get_self_user",
  "list_org_users",
  "get_user",
  "mutate_org_user_role",
  "delete_org_user",
  "list_workspaces",
  "list_workspace_users",
  "mutate_workspace_user_role",
  "delete_workspace_user",
  "create_user_invite",
  "delete_user_invite",
];

const model = (name: string): DocType => ({ kind: "model", name });

async function settle(promise: Promise<unknown>) {
  await promise.catch(() => undefined);
}

/** Drives every adapter operation, including the refusals. */
async function exercise(h: Harness) {
  const adapter = h.adapter({ pageSize: 20 });
  await adapter.whoami();
  const members = await adapter.listMembers();
  await adapter.listInvites();
  const workspaces = await adapter.listWorkspaces();
  const target = members.find((m) => m.status === "active" && m.role === ROLE.orgMember)!;
  await adapter.getMember(target.id);
  await adapter.getMember("clnotauser0000000000000000");

  const invite = await adapter.invite({ email: "contract@example.com", role: ROLE.orgMember });
  await settle(adapter.invite({ email: "contract@example.com", role: ROLE.orgMember }));
  await settle(adapter.invite({ email: "contract2@example.com", role: "NOT_A_ROLE" }));
  await adapter.revokeInvite(invite!.id);
  await settle(adapter.revokeInvite(invite!.id));

  await adapter.changeRole({ memberId: target.id, role: ROLE.orgBillingAdmin });
  await adapter.changeRole({ memberId: target.id, role: ROLE.workspaceAuthor, workspaceId: workspaces[0].id });
  await settle(adapter.changeRole({ memberId: target.id, role: ROLE.orgOwner, workspaceId: workspaces[0].id }));
  await adapter.removeMember({ memberId: target.id, workspaceId: workspaces[0].id });
  await settle(adapter.removeMember({ memberId: target.id, workspaceId: workspaces[0].id }));
  await adapter.removeMember({ memberId: target.id });

  const owners = members.filter((m) => m.role === ROLE.orgOwner && m.status === "active");
  for (const owner of owners.slice(1)) await adapter.changeRole({ memberId: owner.id, role: ROLE.orgMember });
  await settle(adapter.changeRole({ memberId: owners[0].id, role: ROLE.orgMember }));
  await settle(adapter.removeMember({ memberId: owners[0].id }));
  await settle(h.adapter({}, "wrong-token").whoami());
}

describe("astronomer contract (v1alpha1 client docs)", () => {
  let docs: AstronomerDocs;
  let h: Harness;

  beforeAll(async () => {
    docs = loadAstronomerDocs(DOCS);
    h = await startAstronomerHarness({ users: 120 });
    await exercise(h);
  });
  afterAll(() => h.close());

  it("exercised every operation the adapter uses, and only documented ones", () => {
    const used = new Set(h.running.requests.map((r) => docs.operation(r.method, r.path)?.name ?? `${r.method} ${r.path}`));
    expect([...used].sort()).toEqual([...USED_OPERATIONS].sort());
  });

  it("every request matches the documented method, path, query parameters and body", () => {
    const errors = h.running.requests.flatMap((r) => docs.validateRequest(r));
    expect(errors).toEqual([]);
  });

  it("every status is documented for its operation, and each success uses the documented code", () => {
    const errors = h.running.requests.flatMap((r) => {
      const op = docs.operation(r.method, r.path)!;
      if (!op.statuses.includes(r.status)) return [`${op.name}: ${r.status} not in ${op.statuses}`];
      return r.status < 300 && r.status !== op.success ? [`${op.name}: ${r.status}, documented ${op.success}`] : [];
    });
    expect(errors).toEqual([]);
    expect(new Set(h.running.requests.map((r) => r.status))).toEqual(new Set([200, 204, 400, 401, 404]));
  });

  it("every sandbox response body validates against the documented model", () => {
    expect(h.running.requests.length).toBeGreaterThan(20);
    const errors = h.running.requests.flatMap((r) => docs.validateResponse(r, r.status, r.responseBody));
    expect(errors).toEqual([]);
  });

  it("the sandbox's error body (401, faults) is the documented Error model", () => {
    const body = createAstronomerSandbox({ users: 4 }).errorBody(401, "Invalid authentication credentials");
    expect(docs.validate(model("Error"), body)).toEqual([]);
  });

  it("the zod wire schemas have exactly the documented properties and optionality", () => {
    for (const [name, schema] of Object.entries(WIRE_MODELS)) {
      const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
      const documented = docs
        .model(name)
        .properties.map((p) => `${p.wire}${p.required ? "" : "?"}`)
        .sort();
      const ours = Object.entries(shape)
        .map(([key, s]) => `${key}${s.safeParse(undefined).success ? "?" : ""}`)
        .sort();
      expect(ours, name).toEqual(documented);
    }
  });
});

describe("astronomer docs validator catches drift", () => {
  const docs = loadAstronomerDocs(DOCS);
  const user = {
    id: "clx",
    fullName: "A B",
    username: "a@example.com",
    avatarUrl: "https://x/y.png",
    status: "ACTIVE",
    createdAt: "2024-01-01T00:00:00Z",
    updatedAt: "2024-01-01T00:00:00Z",
  };
  const call = { method: "GET", path: "/organizations/o/users" };
  const usersPage = (users: unknown[]) => ({ limit: 20, offset: 0, totalCount: users.length, users });

  it("accepts a correct page", () => {
    expect(docs.validateResponse(call, 200, usersPage([user]))).toEqual([]);
  });

  it("rejects a missing required field, an undocumented field, a wrong type and a bad datetime", () => {
    const { avatarUrl: _dropped, ...missing } = user;
    expect(docs.validateResponse(call, 200, usersPage([missing]))).toEqual([
      "list_org_users 200 body.users[0].avatarUrl: required by User",
    ]);
    expect(docs.validateResponse(call, 200, usersPage([{ ...user, isScimManaged: true }]))).toEqual([
      "list_org_users 200 body.users[0].isScimManaged: not a property of User",
    ]);
    expect(docs.validateResponse(call, 200, { ...usersPage([]), totalCount: "0" })[0]).toMatch(/totalCount: expected int/);
    expect(docs.validateResponse(call, 200, usersPage([{ ...user, createdAt: "yesterday" }]))[0]).toMatch(/createdAt: expected datetime/);
  });

  it("rejects undocumented statuses, paths, query parameters and bodies", () => {
    expect(docs.validateResponse(call, 404, { message: "x", requestId: "r", statusCode: 404 })[0]).toMatch(/not documented/);
    const remove = { method: "DELETE", path: "/organizations/o/users/u" };
    expect(docs.validateResponse(remove, 204, undefined)).toEqual([]);
    expect(docs.validateResponse(remove, 200, undefined)[0]).toMatch(/200: status not documented/);
    expect(docs.validateRequest({ ...call, query: [["page", "2"]], body: undefined })).toEqual([
      "list_org_users request: query parameter 'page' is not documented",
    ]);
    expect(docs.validateRequest({ ...call, query: [["limit", "ten"]], body: undefined })[0]).toMatch(/limit=ten/);
    expect(docs.validateRequest({ method: "PATCH", path: "/organizations/o/users/u", query: [], body: {} })[0]).toMatch(
      /no such operation/,
    );
    expect(
      docs.validateRequest({ method: "POST", path: "/organizations/o/invites", query: [], body: { email: "a@b.c", role: "R" } }),
    ).toEqual([
      "create_user_invite request body.email: not a property of CreateUserInviteRequest",
      "create_user_invite request body.inviteeEmail: required by CreateUserInviteRequest",
    ]);
  });
});
