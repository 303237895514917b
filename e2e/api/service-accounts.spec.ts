import type { APIRequestContext } from "@playwright/test";
import type { AuditResponse } from "../../lib/audit/types";
import type { InviteRequestResponse } from "../../lib/invites/types";
import type { ArthurAccountResponse, ServiceAccountCredentialsResponse, ServiceAccountsResponse } from "../../lib/service-accounts/types";
import { E2E } from "../env";
import { expect, test } from "../fixtures";
import { throughApproval } from "./member-helpers";

/** Arthur service accounts and user operations over HTTP, against the Arthur sandbox. */

const run = `${Date.now().toString(36)}`;

/** Everything the audit log says, as JSON and as the CSV export. */
async function auditText(api: APIRequestContext): Promise<string> {
  const json = await api.get("/api/audit?pageSize=500");
  expect(json.status()).toBe(200);
  const csv = await api.get("/api/audit/export");
  expect(csv.status()).toBe(200);
  return `${await json.text()}\n${await csv.text()}`;
}

async function lastAudit(api: APIRequestContext, action: string) {
  const body = (await (await api.get(`/api/audit?pageSize=1&action=${action}`)).json()) as AuditResponse;
  return body.events[0];
}

test.describe("Arthur service accounts", () => {
  test("create shows the secret once: never in the list, the audit log or its CSV; regenerate replaces it", async ({ as }) => {
    const [admin, owner] = [await as("admin"), await as("owner")];
    const name = `export-${run}`;
    // The two-person rule: one admin asks, another approves, and the approval answers the secret once.
    const approved = await throughApproval(
      await admin.post("/api/service-accounts", { data: { name, role: "Organization Member" } }),
      owner,
    );
    expect(approved.secret?.kind).toBe("client_credentials");
    const { clientId, clientSecret } = approved.secret as { clientId: string; clientSecret: string };
    expect(clientSecret.length).toBeGreaterThanOrEqual(20);

    const list = await admin.get("/api/service-accounts");
    const listText = await list.text();
    expect(listText).not.toContain(clientSecret);
    const { accounts, selfId, mode } = JSON.parse(listText) as ServiceAccountsResponse;
    const created = { account: accounts.find((a) => a.name === name)! };
    expect(created.account).toMatchObject({ name, kind: "service_account", provider: "arthur", role: "Organization Member" });
    expect(approved.request.outcome).toMatchObject({ state: "done", targetId: created.account.id, warning: null });
    expect(accounts.every((a) => a.kind === "service_account")).toBe(true);
    expect(mode).toBe("sandbox");
    // The sandbox signs Roster in as a service account: the page warns before regenerating its secret.
    expect(accounts.find((a) => a.id === selfId)?.name).toBe("Roster");

    const regen = await admin.post(`/api/service-accounts/${created.account.id}/credentials`);
    expect(regen.status(), await regen.text()).toBe(200);
    const fresh = (await regen.json()) as ServiceAccountCredentialsResponse;
    expect(fresh.credentials.clientId).toBe(clientId);
    expect(fresh.credentials.clientSecret).not.toBe(clientSecret);

    const audit = await auditText(admin);
    expect(audit).not.toContain(clientSecret);
    expect(audit).not.toContain(fresh.credentials.clientSecret);
    const creation = await lastAudit(admin, "create_service_account");
    expect(creation).toMatchObject({
      outcome: "success",
      provider: "arthur",
      after: { name, approval: { requestedBy: E2E.operators.admin, approvedBy: E2E.operators.owner } },
      actor: { email: E2E.operators.owner },
      // The account Arthur created is the entry's target, and binding its role is a step of it.
      target: { id: created.account.id },
      description: `Create service account "${name}" on Arthur with role Organization Member`,
    });
    expect(creation.steps).toEqual([
      expect.objectContaining({
        action: "change_role",
        outcome: "success",
        parentId: creation.id,
        target: expect.objectContaining({ id: created.account.id }),
      }),
    ]);
    expect(await lastAudit(admin, "regenerate_credentials")).toMatchObject({ outcome: "success", target: { id: created.account.id } });
  });

  test("rename; bad input names the field; a person is not a service account", async ({ as }) => {
    const [admin, owner] = [await as("admin"), await as("owner")];
    await throughApproval(
      await admin.post("/api/service-accounts", { data: { name: `old-${run}`, role: "Organization Read Only" } }),
      owner,
    );
    const account = ((await (await admin.get("/api/service-accounts")).json()) as ServiceAccountsResponse).accounts.find(
      (a) => a.name === `old-${run}`,
    )!;
    const renamed = await admin.patch(`/api/service-accounts/${account.id}`, { data: { name: `new-${run}` } });
    expect(renamed.status(), await renamed.text()).toBe(200);
    expect(((await renamed.json()) as ArthurAccountResponse).account.name).toBe(`new-${run}`);
    expect(await lastAudit(admin, "rename_service_account")).toMatchObject({
      before: { name: `old-${run}` },
      after: { name: `new-${run}` },
    });

    const empty = await admin.post("/api/service-accounts", { data: { name: "  ", role: "Organization Member" } });
    expect(empty.status()).toBe(422);
    expect((await empty.json()).error.message).toMatch(/^name/);
    const roleless = await admin.post("/api/service-accounts", { data: { name: `roleless-${run}` } });
    expect(roleless.status()).toBe(422);
    expect((await roleless.json()).error.message).toMatch(/^role/);
    const unknown = await admin.post("/api/service-accounts", { data: { name: `unknown-${run}`, role: "Galactic Emperor" } });
    expect(unknown.status()).toBe(422);
    expect((await unknown.json()).error).toMatchObject({ code: "unknown_role" });

    const users = await (await admin.get("/api/users?provider=arthur&kind=person&pageSize=5")).json();
    const personId = users.people[0].memberships.find((m: { provider: string }) => m.provider === "arthur").id;
    const refused = await admin.post(`/api/service-accounts/${personId}/credentials`);
    expect(refused.status()).toBe(422);
    expect((await refused.json()).error.code).toBe("not_service_account");
  });

  test("create an Arthur user with a one-time password; 409 is 'already exists'; edit the name; the password is never recorded", async ({
    as,
  }) => {
    const [admin, owner] = [await as("admin"), await as("owner")];
    const email = `direct-${run}@example.com`;
    const short = await admin.post("/api/arthur/users", { data: { firstName: "Dee", email, password: "short" } });
    expect(short.status()).toBe(422);
    expect((await short.json()).error.message).toMatch(/^password/);

    // The two-person rule: the approval creates the user and answers the one-time password Roster made, once.
    const approved = await throughApproval(
      await admin.post("/api/arthur/users", { data: { firstName: "Dee", lastName: "Rect", email: ` ${email.toUpperCase()} ` } }),
      owner,
    );
    expect(approved.secret?.kind).toBe("password");
    const { password } = approved.secret as { password: string };
    const account = { id: approved.request.outcome!.targetId! };
    const users = (await (await admin.get(`/api/users?q=${encodeURIComponent(email)}`)).json()) as {
      people: Array<{ email: string; name: string }>;
    };
    expect(users.people.find((p) => p.email === email)).toMatchObject({ email });

    const again = await admin.post("/api/arthur/users", { data: { firstName: "Dee", email } });
    expect(again.status()).toBe(202);
    const { request } = (await again.json()) as { request: { id: string } };
    const refused = await owner.post(`/api/invite-requests/${request.id}/approve`, { data: {} });
    expect(refused.status()).toBe(200);
    expect(((await refused.json()) as InviteRequestResponse).request.outcome).toMatchObject({
      state: "failed",
      error: { status: 409, message: expect.stringContaining("already exists") },
    });

    const patched = await admin.patch(`/api/arthur/users/${account.id}`, { data: { lastName: "Renamed" } });
    expect(patched.status(), await patched.text()).toBe(200);
    expect(((await patched.json()) as ArthurAccountResponse).account.name).toBe("Dee Renamed");
    expect(await lastAudit(admin, "update_user")).toMatchObject({ outcome: "success", target: { id: account.id, email } });

    expect(await auditText(admin)).not.toContain(password);
  });

  test("accepting Roster's own Arthur invitations is owner-only and audited", async ({ as }) => {
    expect((await (await as("admin")).post("/api/arthur/accept-invites")).status()).toBe(403);
    const owner = await as("owner");
    const res = await owner.post("/api/arthur/accept-invites");
    expect(res.status(), await res.text()).toBe(200);
    expect(await lastAudit(owner, "accept_invites")).toMatchObject({ outcome: "success", provider: "arthur", actor: { role: "owner" } });
  });
});
