import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { poolPerson } from "../../sandbox/seed";
import { type OpenApiDoc, loadOpenApi, validateRequest, validateResponse } from "../../testing/openapi-contract";
import { REDACTED } from "../../sandbox/request-log";
import { type NewCredentials, arthurExtras } from "./adapter";
import { SANDBOX_ME_ID, SANDBOX_ROLE_IDS } from "./sandbox";
import { type ArthurHarness, startArthurHarness } from "./test-harness";

/**
 * Drives the adapter and the extras through every operation (successes and the
 * documented failures), then checks each recorded request and each sandbox answer
 * against Arthur's published OpenAPI document.
 */

const SPEC = path.resolve(__dirname, "../../../../shared/specs/arthur/arthur-ai-platform-openapi.json");

let doc: OpenApiDoc;
let h: ArthurHarness;

const settle = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    () => "failed",
  );

/** Every secret that crossed the wire, to prove the request log keeps none of them. */
const ONE_TIME_PASSWORD = "one-time-3f9c1b";
const secrets: string[] = [ONE_TIME_PASSWORD];
const keep = (issued: NewCredentials) => {
  const { credentials } = issued;
  secrets.push(credentials.kind === "service_account" ? credentials.clientSecret.reveal() : credentials.password.reveal());
  return issued;
};

async function driveEverything(harness: ArthurHarness) {
  const { adapter } = harness;
  const extras = arthurExtras(harness.connection);
  const members = await adapter.listMembers();
  const person = (email: string) => members.find((m) => m.email === email)!;
  await adapter.whoami();
  await adapter.listRoles();
  await adapter.listWorkspaces();
  await adapter.getMember(members[5].id);
  await adapter.getMember("00000000-0000-4000-8000-000000000000");
  await settle(adapter.getMember("not-a-uuid")); // 422
  await adapter.invite({ email: "contract.invitee@example.com", role: SANDBOX_ROLE_IDS.member });
  await settle(adapter.invite({ email: poolPerson(0).email, role: SANDBOX_ROLE_IDS.member })); // 400
  await settle(adapter.invite({ email: "nope", role: SANDBOX_ROLE_IDS.member })); // 422
  await adapter.changeRole({ memberId: person(poolPerson(2).email).id, role: SANDBOX_ROLE_IDS.readOnly });
  await adapter.removeMember({ memberId: person(poolPerson(3).email).id });
  await settle(adapter.removeMember({ memberId: person(poolPerson(3).email).id })); // 404

  const owners = members.filter((m) => m.roleId === SANDBOX_ROLE_IDS.admin && m.id !== SANDBOX_ME_ID);
  for (const owner of owners.slice(1)) await adapter.changeRole({ memberId: owner.id, role: SANDBOX_ROLE_IDS.member });
  await adapter.changeRole({ memberId: SANDBOX_ME_ID, role: SANDBOX_ROLE_IDS.member });
  await settle(adapter.changeRole({ memberId: owners[0].id, role: SANDBOX_ROLE_IDS.member })); // 400, last owner

  const { account } = keep(await extras.createServiceAccount("contract-bot"));
  keep(await extras.regenerateCredentials(account.id));
  keep(await extras.regenerateCredentials(members[9].id));
  await extras.renameServiceAccount(account.id, "contract-bot-2");
  await settle(extras.renameServiceAccount(members[9].id, "x")); // 400
  await extras.updateUser(members[9].id, { firstName: "Changed", picture: null });
  await extras.createUser({ firstName: "Con", lastName: null, email: "con.tract@example.com", password: ONE_TIME_PASSWORD });
  await settle(extras.createUser({ firstName: "Con", email: "con.tract@example.com", password: ONE_TIME_PASSWORD })); // 409
  await extras.acceptInvites();
  await extras.listServiceAccounts();
}

beforeAll(async () => {
  doc = loadOpenApi(SPEC);
  h = await startArthurHarness(1200);
  await driveEverything(h);
});
afterAll(() => h.close());

describe("Arthur sandbox and adapter against the published spec", () => {
  it("covered every endpoint Roster uses, with the documented statuses", () => {
    const seen = new Set(h.answers().map((e) => `${e.method} ${e.pattern} ${e.status}`));
    for (const expected of [
      "GET /api/v1/users/me 200",
      "GET /api/v1/organization/users 200",
      "GET /api/v1/organization/users 422",
      "GET /api/v1/organization/roles 200",
      "GET /api/v1/organization/role_bindings 200",
      "POST /api/v1/organization/role_bindings 200",
      "DELETE /api/v1/role_bindings/{role_binding_id} 204",
      "DELETE /api/v1/role_bindings/{role_binding_id} 400",
      "GET /api/v1/organization/workspaces 200",
      "POST /api/v1/organization/users/invite-user 201",
      "POST /api/v1/organization/users/invite-user 400",
      "POST /api/v1/organization/users/invite-user 422",
      "DELETE /api/v1/users/{user_id} 204",
      "DELETE /api/v1/users/{user_id} 404",
      "POST /api/v1/organization/service_accounts 200",
      "POST /api/v1/users/{user_id}/credentials 200",
      "PATCH /api/v1/users/{user_id}/service_account 200",
      "PATCH /api/v1/users/{user_id}/service_account 400",
      "PATCH /api/v1/users/{user_id} 200",
      "POST /api/v1/organization/users 200",
      "POST /api/v1/organization/users 409",
      "POST /api/v1/users/me/accept-invite 204",
    ]) {
      expect(seen, expected).toContain(expected);
    }
  });

  const checkRequest = (r: ArthurHarness["running"]["requests"][number]) =>
    validateRequest(doc, { method: r.method, path: r.path, query: r.query, body: r.body });

  it("every request the adapter sent matches the spec's method, path, query parameters and body", () => {
    const valid = h.running.requests.filter((r) => r.status !== 422);
    expect(valid.length).toBeGreaterThan(30);
    expect(valid.flatMap(checkRequest)).toEqual([]);
  });

  it("the sandbox answered 422 exactly to the requests the spec rejects (bad input passed through on purpose)", () => {
    const rejected = h.running.requests.filter((r) => r.status === 422);
    // A member read with a malformed id asks for the user and their group memberships: both refused.
    expect(rejected.map((r) => r.path)).toEqual([
      "/api/v1/organization/users",
      "/api/v1/organization/group_memberships",
      "/api/v1/organization/users/invite-user",
    ]);
    for (const r of rejected) expect(checkRequest(r)).not.toEqual([]);
  });

  it("every sandbox answer matches the spec's schema for its status", () => {
    const errors = h.answers().flatMap((e) => validateResponse(doc, { method: e.method, path: e.pattern, status: e.status, body: e.body }));
    expect(errors).toEqual([]);
  });

  it("keeps no secret in the request log: passwords and generated credentials are redacted, still strings", async () => {
    expect(secrets).toHaveLength(4);
    const log = await (await fetch(`${new URL(h.running.baseUrl).origin}/__sandbox/requests`)).text();
    for (const secret of secrets) expect(log).not.toContain(secret);

    const sent = h.running.requests.filter((r) => r.method === "POST" && r.pattern === "/api/v1/organization/users");
    expect(sent.map((r) => (r.body as { password: unknown }).password)).toEqual([REDACTED, REDACTED]);
    const issued = h.answers().flatMap((e) => {
      const credentials = (e.body as { credentials?: Record<string, unknown> } | undefined)?.credentials;
      return credentials ? [credentials] : [];
    });
    expect(issued).toHaveLength(3);
    for (const credentials of issued) expect(new Set(Object.values(credentials))).toEqual(new Set([REDACTED]));
  });

  it("would catch a drift (the check is not vacuous)", () => {
    const users = h.answers().find((e) => e.pattern === "/api/v1/organization/users" && e.status === 200)!;
    const drifted = structuredClone(users.body) as { records: Array<Record<string, unknown>> };
    delete drifted.records[0].organization_name;
    expect(validateResponse(doc, { method: "GET", path: users.pattern, status: 200, body: drifted }).join()).toMatch(/organization_name/);
    const badQuery = validateRequest(doc, { method: "GET", path: "/api/v1/organization/users", query: [["limit", "5"]], body: undefined });
    expect(badQuery.join()).toMatch(/limit/);
    const badBody = validateRequest(doc, { method: "POST", path: "/api/v1/organization/role_bindings", query: [], body: { role: "x" } });
    expect(badBody.length).toBeGreaterThan(0);
  });
});
