import type { APIRequestContext } from "@playwright/test";
import type { AuditResponse } from "../../lib/audit/types";
import type { PersonDetailResponse } from "../../lib/changes/types";
import type { ApprovalRequiredResponse, InviteRequestResponse } from "../../lib/invites/types";
import type { ProviderId } from "../../lib/providers/types";
import type { ServiceAccountsResponse } from "../../lib/service-accounts/types";
import { E2E } from "../env";
import { expect, inFreshWorld, test } from "../fixtures";
import { ordinaryMember, roles } from "./member-helpers";

/**
 * The two-person rule beyond invites (issue 12, item 4), on the e2e server (ROSTER_DIRECT_INVITES
 * off): a new Arthur user, a grant of an admin-level role on each provider and a new service
 * account are requests (202), not changes; the provider sees nothing until an admin other than
 * the requester approves, and the approval makes the change once, audited with both people.
 * The direct policy is proven in e2e/system/direct-policy.spec.ts.
 */

const PROVIDERS: ProviderId[] = ["openai", "astronomer", "arthur"];
const run = Date.now().toString(36);
const AUTH = { authorization: "Bearer sandbox" };

/** Requests the sandbox served that could change something (anything but reads). */
async function sandboxWrites(provider: ProviderId): Promise<number> {
  const res = await fetch(`${E2E.sandbox[provider]}/__sandbox/requests`, { headers: AUTH });
  const { requests } = (await res.json()) as { requests: Array<{ method: string; pattern: string | null }> };
  return requests.filter((r) => r.method !== "GET" && r.method !== "HEAD" && !(r.pattern ?? "").includes("token")).length;
}

async function arthurUsersNamed(email: string): Promise<number> {
  const res = await fetch(`${E2E.sandbox.arthur}/api/v1/organization/users?page_size=100&search=${encodeURIComponent(email)}`, {
    headers: AUTH,
  });
  const body = (await res.json()) as { records: Array<{ email?: string | null }> };
  return body.records.filter((u) => u.email?.toLowerCase() === email.toLowerCase()).length;
}

/** The member's role as the provider holds it now (the person page reads every membership fresh). */
async function freshRole(api: APIRequestContext, email: string, provider: ProviderId): Promise<string | undefined> {
  const res = await api.get(`/api/people/${encodeURIComponent(email)}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as PersonDetailResponse;
  return body.memberships.find((m) => m.provider === provider && m.status === "active")?.role;
}

async function requested(res: Awaited<ReturnType<APIRequestContext["post"]>>): Promise<ApprovalRequiredResponse> {
  expect(res.status(), await res.text()).toBe(202);
  const body = (await res.json()) as ApprovalRequiredResponse;
  expect(body).toMatchObject({ approvalRequired: true, request: { status: "pending", requester: { email: E2E.operators.admin } } });
  return body;
}

async function approve(api: APIRequestContext, id: string): Promise<InviteRequestResponse> {
  const res = await api.post(`/api/invite-requests/${id}/approve`, { data: { reason: "checked" } });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

/** The requester approving their own request is refused, and changes nothing. */
async function expectSelfApprovalRefused(api: APIRequestContext, id: string) {
  const res = await api.post(`/api/invite-requests/${id}/approve`, { data: {} });
  expect(res.status()).toBe(403);
  expect((await res.json()).error.code).toBe("self_approval");
}

async function auditOf(api: APIRequestContext, action: string, provider: ProviderId) {
  const body = (await (await api.get(`/api/audit?pageSize=5&action=${action}&provider=${provider}`)).json()) as AuditResponse;
  return body.events;
}

test.describe("the two-person rule for Arthur accounts and admin-level grants", () => {
  inFreshWorld(test, "all");

  test("roles say which are admin-level, per provider", async ({ as }) => {
    const admin = await as("admin");
    expect((await roles(admin, "openai")).adminLevel.map((r) => r.name)).toEqual(["owner"]);
    expect((await roles(admin, "astronomer")).adminLevel.map((r) => r.name)).toEqual(
      expect.arrayContaining(["ORGANIZATION_OWNER", "ORGANIZATION_BILLING_ADMIN"]),
    );
    expect((await roles(admin, "astronomer")).all.find((r) => r.name === "WORKSPACE_OWNER")?.adminLevel).toBe(true);
    expect((await roles(admin, "arthur")).adminLevel.map((r) => r.name)).toEqual(["Organization Admin"]);
  });

  test("a new Arthur user: one admin's call is a request, the sandbox has no user until a second admin approves", async ({ as }) => {
    const [admin, owner] = [await as("admin"), await as("owner")];
    const email = `direct-user-${run}@example.com`;
    const writes = await sandboxWrites("arthur");
    // A request carries no password: the approver gets one Roster makes.
    const withPassword = await admin.post("/api/arthur/users", {
      data: { firstName: "Ada", lastName: "Lane", email, password: "chosen-by-one-admin" },
    });
    expect(withPassword.status()).toBe(422);
    expect((await withPassword.json()).error.details).toEqual([expect.objectContaining({ field: "password" })]);

    const { request } = await requested(
      await admin.post("/api/arthur/users", { data: { firstName: "Ada", lastName: "Lane", email, reason: "contractor" } }),
    );
    expect(request).toMatchObject({
      kind: "arthur_user",
      change: { kind: "arthur_user", email, firstName: "Ada", lastName: "Lane" },
      reason: "contractor",
    });
    expect(await sandboxWrites("arthur")).toBe(writes);
    expect(await arthurUsersNamed(email)).toBe(0);
    await expectSelfApprovalRefused(admin, request.id);
    expect(await arthurUsersNamed(email)).toBe(0);

    const done = await approve(owner, request.id);
    expect(done.request).toMatchObject({ status: "approved", decidedBy: { email: E2E.operators.owner }, outcome: { state: "done" } });
    expect(done.secret).toMatchObject({ kind: "password" });
    const password = done.secret!.kind === "password" ? done.secret!.password : "";
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(await arthurUsersNamed(email)).toBe(1);

    // A second approval performs nothing again and shows no secret; the request keeps none.
    const again = await owner.post(`/api/invite-requests/${request.id}/approve`, { data: {} });
    expect(again.status()).toBe(200);
    const againText = await again.text();
    expect(againText).not.toContain(password);
    expect(JSON.parse(againText).secret).toBeUndefined();
    expect(await arthurUsersNamed(email)).toBe(1);
    expect(await (await owner.get(`/api/invite-requests/${request.id}`)).text()).not.toContain(password);
    expect(await (await owner.get("/api/audit?pageSize=50")).text()).not.toContain(password);

    const [created] = await auditOf(owner, "create_user", "arthur");
    expect(created).toMatchObject({
      outcome: "success",
      actor: { email: E2E.operators.owner },
      target: { email },
      after: { approval: { request: request.id, requestedBy: E2E.operators.admin, approvedBy: E2E.operators.owner } },
    });
    const [asked] = await auditOf(owner, "request_change", "arthur");
    expect(asked).toMatchObject({ outcome: "success", actor: { email: E2E.operators.admin }, target: { id: request.id, email } });
  });

  for (const provider of PROVIDERS) {
    test(`an admin-level role on ${provider}: a request, unchanged on the provider until a second admin approves`, async ({ as }) => {
      const [admin, owner] = [await as("admin"), await as("owner")];
      const { person, membership } = await ordinaryMember(admin, provider, 1);
      const { adminLevel } = await roles(admin, provider);
      const target = adminLevel[adminLevel.length - 1];
      const writes = await sandboxWrites(provider);

      const res = await admin.patch(`/api/members/${provider}/${encodeURIComponent(membership.id)}`, { data: { role: target.id } });
      const { request } = await requested(res);
      expect(request).toMatchObject({
        kind: "admin_role",
        change: { provider, memberId: membership.id, roleName: target.name, memberEmail: person.email },
      });
      expect(await sandboxWrites(provider)).toBe(writes);
      expect(await freshRole(admin, person.email!, provider)).toBe(membership.role);
      await expectSelfApprovalRefused(admin, request.id);
      expect(await freshRole(admin, person.email!, provider)).toBe(membership.role);

      const done = await approve(owner, request.id);
      expect(done.request.outcome).toMatchObject({ state: "done", targetId: membership.id });
      expect(done.secret).toBeUndefined();
      expect(await freshRole(admin, person.email!, provider)).toBe(target.name);
      const [changed] = await auditOf(owner, "change_role", provider);
      expect(changed).toMatchObject({
        outcome: "success",
        actor: { email: E2E.operators.owner },
        target: { id: membership.id },
        after: { role: target.name, approval: { request: request.id, requestedBy: E2E.operators.admin } },
      });
      // A role that is not admin-level is still changed by one admin at once.
      const back = await admin.patch(`/api/members/${provider}/${encodeURIComponent(membership.id)}`, { data: { role: membership.role } });
      expect(back.status(), await back.text()).toBe(200);
    });
  }

  test("a new service account: a request; the approval creates it and shows its secret to the approver once", async ({ as }) => {
    const [admin, owner] = [await as("admin"), await as("owner")];
    const name = `two-person-${run}`;
    const accounts = async () =>
      ((await (await admin.get("/api/service-accounts")).json()) as ServiceAccountsResponse).accounts.filter((a) => a.name === name);
    const writes = await sandboxWrites("arthur");
    const { request } = await requested(await admin.post("/api/service-accounts", { data: { name, role: "Organization Member" } }));
    expect(request).toMatchObject({ kind: "service_account", change: { name, roleName: "Organization Member" } });
    expect(await sandboxWrites("arthur")).toBe(writes);
    expect(await accounts()).toHaveLength(0);
    await expectSelfApprovalRefused(admin, request.id);
    expect(await accounts()).toHaveLength(0);

    const done = await approve(owner, request.id);
    expect(done.secret).toMatchObject({ kind: "client_credentials" });
    const secret = done.secret!.kind === "client_credentials" ? done.secret!.clientSecret : "";
    expect(secret.length).toBeGreaterThanOrEqual(20);
    const [account] = await accounts();
    expect(account).toMatchObject({ name, role: "Organization Member" });
    expect(done.request.outcome).toMatchObject({ state: "done", targetId: account.id });

    const again = await owner.post(`/api/invite-requests/${request.id}/approve`, { data: {} });
    expect(await again.text()).not.toContain(secret);
    expect(await accounts()).toHaveLength(1);
    const everything = `${await (await owner.get("/api/invite-requests?pageSize=200")).text()}${await (await owner.get("/api/audit?pageSize=200")).text()}`;
    expect(everything).not.toContain(secret);
    const [created] = await auditOf(owner, "create_service_account", "arthur");
    expect(created).toMatchObject({
      outcome: "success",
      actor: { email: E2E.operators.owner },
      after: { name, approval: { requestedBy: E2E.operators.admin } },
    });
  });

  test("a rejected or cancelled change request changes nothing; a requester may not ask for these", async ({ as }) => {
    const [admin, owner, requester] = [await as("admin"), await as("owner"), await as("requester")];
    const email = `rejected-user-${run}@example.com`;
    const { request } = await requested(await admin.post("/api/arthur/users", { data: { firstName: "Rex", email } }));
    const rejected = await owner.post(`/api/invite-requests/${request.id}/reject`, { data: { reason: "use an invite" } });
    expect(rejected.status()).toBe(200);
    expect(await approveStatus(owner, request.id)).toBe(409);
    expect(await arthurUsersNamed(email)).toBe(0);

    const second = await requested(
      await admin.post("/api/service-accounts", { data: { name: `cancelled-${run}`, role: "Organization Member" } }),
    );
    expect((await admin.post(`/api/invite-requests/${second.request.id}/cancel`, { data: {} })).status()).toBe(200);
    expect(await approveStatus(owner, second.request.id)).toBe(409);

    expect((await requester.post("/api/service-accounts", { data: { name: `nope-${run}`, role: "Organization Member" } })).status()).toBe(
      403,
    );
    expect((await requester.post("/api/arthur/users", { data: { firstName: "No", email: `nope-${run}@example.com` } })).status()).toBe(403);
  });
});

async function approveStatus(api: APIRequestContext, id: string): Promise<number> {
  return (await api.post(`/api/invite-requests/${id}/approve`, { data: {} })).status();
}
