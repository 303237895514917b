import type { APIRequestContext, APIResponse } from "@playwright/test";
import type { OffboardResponse } from "../../lib/changes/types";
import type { UsersResponse } from "../../lib/directory/types";
import { PROVIDER_LABELS, type ProviderId } from "../../lib/providers/types";
import type { ServiceAccountsResponse } from "../../lib/service-accounts/types";
import { apiAs, expect, renderPages, sandbox, test } from "../fixtures";
import { approve, createRequest, freshEmail, plainRoles, PROVIDERS } from "./invite-helpers";
import { ordinaryMember, roles } from "./member-helpers";

/**
 * Every change route answers a provider's failure with 502 and the provider's own words,
 * also once pages have been rendered. The pages run in other Next server layers than the
 * route handlers, and whichever layer asks first builds the providers every layer then
 * shares through globalThis: an error class checked with `instanceof` in the route layer
 * would not recognise the page layer's error, and the answer would be a bare 500.
 */

const unavailable = (label: string) => `${label} is over capacity right now (503 injected)`;

async function breakProvider(provider: ProviderId) {
  await sandbox.fault(provider, { route: "*", status: 503, message: unavailable(PROVIDER_LABELS[provider]) });
}

/** The answer is Roster's provider error: 502, `provider_error`, the provider's words and status. */
async function expectProviderError(res: APIResponse, provider: ProviderId) {
  const text = await res.text();
  expect(res.status(), text).toBe(502);
  expect(JSON.parse(text).error).toMatchObject({
    code: "provider_error",
    message: unavailable(PROVIDER_LABELS[provider]),
    details: { provider, status: 503 },
  });
}

async function firstInvite(api: APIRequestContext, provider: ProviderId) {
  const body = (await (await api.get(`/api/users?pageSize=50&provider=${provider}&status=invited`)).json()) as UsersResponse;
  const membership = body.people.flatMap((p) => p.memberships).find((m) => m.provider === provider && m.status === "invited");
  expect(membership, `a pending ${provider} invite`).toBeTruthy();
  return membership!;
}

test.describe("provider errors reach the operator after pages have rendered", () => {
  let admin: APIRequestContext;

  test.beforeAll(async () => {
    await sandbox.reset();
    // apiAs renders the users page and a person page before anything else.
    admin = await apiAs("admin");
    expect((await admin.post("/api/sync", { data: {} })).status()).toBe(200);
  });
  test.beforeEach(async () => renderPages(admin));
  test.afterEach(async () => sandbox.clearFaults());
  test.afterAll(async () => {
    await sandbox.reset();
    await admin.post("/api/sync", { data: {} });
    await admin.dispose();
  });

  for (const provider of PROVIDERS) {
    const label = PROVIDER_LABELS[provider];

    test(`${label}: a role change answers 502 with ${label}'s words`, async () => {
      const { membership } = await ordinaryMember(admin, provider);
      // A role one admin grants alone (an admin-level one would wait for approval and call no provider).
      const plainTarget = (await roles(admin, provider)).all.find(
        (r) => r.scope === "organization" && !r.adminLevel && r.name !== membership.role,
      );
      test.skip(!plainTarget, `${label} has no other role an admin grants alone`);
      const target = plainTarget!;
      await breakProvider(provider);
      await expectProviderError(
        await admin.patch(`/api/members/${provider}/${encodeURIComponent(membership.id)}`, { data: { role: target.id } }),
        provider,
      );
    });

    test(`${label}: demoting an owner answers 502 with ${label}'s words`, async () => {
      const { owner, plain } = await roles(admin, provider);
      const body = (await (
        await admin.get(`/api/users?pageSize=50&provider=${provider}&status=active&role=${encodeURIComponent(owner.name)}`)
      ).json()) as UsersResponse;
      const membership = body.people
        .flatMap((p) => p.memberships)
        .find((m) => m.provider === provider && m.role === owner.name && !m.managed)!;
      await breakProvider(provider);
      const res = await admin.patch(`/api/members/${provider}/${encodeURIComponent(membership.id)}`, {
        data: { role: plain[0].id, confirmSelf: true },
      });
      await expectProviderError(res, provider);
    });

    test(`${label}: a removal answers 502 with ${label}'s words`, async () => {
      const { membership } = await ordinaryMember(admin, provider);
      await breakProvider(provider);
      await expectProviderError(await admin.delete(`/api/members/${provider}/${encodeURIComponent(membership.id)}`), provider);
    });

    test(`${label}: "remove everywhere" reports ${label}'s words on its step`, async () => {
      const { person } = await ordinaryMember(admin, provider);
      await breakProvider(provider);
      const res = await admin.post(`/api/people/${encodeURIComponent(person.email!)}/offboard`, { data: { providers: [provider] } });
      expect(res.status(), await res.text()).toBe(200);
      const { steps } = (await res.json()) as OffboardResponse;
      expect(steps).toHaveLength(1);
      expect(steps[0]).toMatchObject({
        provider,
        ok: false,
        error: { code: "provider_error", status: 503, message: unavailable(label) },
      });
    });

    test(`${label}: an approved invite fails with ${label}'s words`, async () => {
      const requester = await apiAs("requester");
      const email = freshEmail(`err-${provider}`);
      const { request } = await createRequest(requester, [email], { [provider]: (await plainRoles(admin))[provider] });
      await requester.dispose();
      await breakProvider(provider);
      const approved = await approve(admin, request.id);
      expect(approved.request.items[0]).toMatchObject({ provider, state: "failed" });
      expect(approved.request.items[0].error?.message).toContain(unavailable(label));
      const retried = await admin.post(`/api/invite-requests/${request.id}/retry`, { data: {} });
      expect(retried.status(), await retried.text()).toBe(200);
    });
  }

  for (const provider of ["openai", "astronomer"] as const) {
    const label = PROVIDER_LABELS[provider];
    test(`${label}: revoking an invite answers 502 with ${label}'s words`, async () => {
      const invite = await firstInvite(admin, provider);
      await breakProvider(provider);
      await expectProviderError(await admin.delete(`/api/invites/${provider}/${encodeURIComponent(invite.id)}`), provider);
    });
  }

  test("Arthur: every user and service-account route answers 502 with Arthur's words (creations: their approval fails with them)", async () => {
    const { membership } = await ordinaryMember(admin, "arthur");
    const { accounts, selfId } = (await (await admin.get("/api/service-accounts")).json()) as ServiceAccountsResponse;
    const account = accounts.find((a) => a.id !== selfId)!;
    const owner = await apiAs("owner");
    // Creations wait for a second admin (the two-person rule): asked while Arthur answers, they fail at the approval.
    const asked = [
      await admin.post("/api/arthur/users", { data: { firstName: "Err", email: freshEmail("arthur-user") } }),
      await admin.post("/api/service-accounts", { data: { name: "err-account", role: "Organization Member" } }),
    ];
    const requests: string[] = [];
    for (const res of asked) {
      expect(res.status(), await res.text()).toBe(202);
      requests.push(((await res.json()) as { request: { id: string } }).request.id);
    }
    await breakProvider("arthur");
    for (const id of requests) {
      await test.step(`approving request ${id}`, async () => {
        const approved = await owner.post(`/api/invite-requests/${id}/approve`, { data: {} });
        expect(approved.status(), await approved.text()).toBe(200);
        const { request } = (await approved.json()) as { request: { outcome: unknown } };
        expect(request.outcome).toMatchObject({ state: "failed", error: { status: 503, message: unavailable("Arthur") } });
      });
    }
    const calls: Array<[string, () => Promise<APIResponse>]> = [
      ["PATCH /api/arthur/users/[id]", () => admin.patch(`/api/arthur/users/${membership.id}`, { data: { lastName: "Changed" } })],
      ["PATCH /api/service-accounts/[id]", () => admin.patch(`/api/service-accounts/${account.id}`, { data: { name: "err-renamed" } })],
      ["POST /api/service-accounts/[id]/credentials", () => admin.post(`/api/service-accounts/${account.id}/credentials`)],
      ["POST /api/arthur/accept-invites", () => owner.post("/api/arthur/accept-invites")],
    ];
    for (const [name, call] of calls) {
      await test.step(name, async () => expectProviderError(await call(), "arthur"));
    }
    await owner.dispose();
  });
});
