import type { APIRequestContext } from "@playwright/test";
import type { InviteRequestResponse } from "../../lib/invites/types";
import { PROVIDER_LABELS, type ProviderId } from "../../lib/providers/types";
import type { UsersResponse } from "../../lib/directory/types";
import { E2E } from "../env";
import { expect, inFreshWorld, sandbox, test } from "../fixtures";
import { FAULTS } from "../faults";
import {
  approve,
  createRequest,
  freshEmail,
  invitePostsOnSandbox,
  inviteRoute,
  invitesOnSandbox,
  plainRoles,
  PROVIDERS,
} from "./invite-helpers";
import { lastAudit, ordinaryMember, roles } from "./member-helpers";

/**
 * The provider fault matrix over Roster's API, against the real sandboxes: each provider
 * × {429 with Retry-After, 500, a hang past the timeout, malformed JSON, 401 from an
 * expired key}. Listing keeps the other providers and reports this one's error until a
 * refresh after the fault is gone; a change fails with the provider's words and is
 * audited as a failure; an invite whose answer was lost is checked on the provider
 * before it is offered for retry, and reaches the provider once.
 */

async function users(api: APIRequestContext): Promise<UsersResponse> {
  const res = await api.get("/api/users?pageSize=200");
  expect(res.status()).toBe(200);
  return res.json();
}

/** Every invite POST the sandbox received for this email, answered or not. */
async function inviteCallsOnSandbox(provider: ProviderId, email: string): Promise<number> {
  const res = await fetch(`${E2E.sandbox[provider]}/__sandbox/requests`);
  const { requests } = (await res.json()) as { requests: Array<{ method: string; pattern: string | null; body: unknown }> };
  return requests.filter(
    (r) =>
      r.method === "POST" &&
      r.pattern === inviteRoute(provider) &&
      JSON.stringify(r.body ?? {})
        .toLowerCase()
        .includes(email.toLowerCase()),
  ).length;
}

test.describe("provider faults", () => {
  inFreshWorld(test, "all");
  test.afterEach(async () => sandbox.clearFaults());

  for (const provider of PROVIDERS) {
    const label = PROVIDER_LABELS[provider];
    const others = PROVIDERS.filter((p) => p !== provider);

    for (const fault of FAULTS) {
      test(`${label}, ${fault.name}: the list keeps the other providers, reports ${label}'s error, and recovers`, async ({ as }) => {
        const viewer = await as("viewer");
        await sandbox.fault(provider, { route: "*", ...fault.input(label) });
        expect((await viewer.post("/api/sync", { data: { provider } })).status()).toBe(200);

        const body = await users(viewer);
        const state = body.providers.find((p) => p.id === provider)!;
        expect(state.ok).toBe(false);
        expect(state.error).toEqual({ status: fault.status, message: fault.message(label) });
        for (const other of others) {
          expect(body.providers.find((p) => p.id === other)!.ok, other).toBe(true);
          expect(
            body.people.some((p) => p.memberships.some((m) => m.provider === other)),
            `${other} people listed`,
          ).toBe(true);
        }

        await sandbox.clearFaults(provider);
        expect((await viewer.post("/api/sync", { data: { provider } })).status()).toBe(200);
        const healed = (await users(viewer)).providers.find((p) => p.id === provider)!;
        expect(healed).toMatchObject({ ok: true });
        expect(healed.error).toBeUndefined();
      });

      test(`${label}, ${fault.name}: a role change fails with ${label}'s words and is audited as a failure`, async ({ as }) => {
        const admin = await as("admin");
        // Reads the roles (kept by Roster for a while) before the provider breaks.
        const { membership } = await ordinaryMember(admin, provider);
        // A role one admin grants alone (an admin-level one would wait for approval and call no provider).
        const plainTarget = (await roles(admin, provider)).all.find(
          (r) => r.scope === "organization" && !r.adminLevel && r.name !== membership.role,
        );
        test.skip(!plainTarget, `${label} has no other role an admin grants alone`);
        const target = plainTarget!;
        await sandbox.fault(provider, { route: "*", ...fault.input(label) });

        const res = await admin.patch(`/api/members/${provider}/${encodeURIComponent(membership.id)}`, { data: { role: target.id } });
        expect(res.status()).toBe(502);
        const { error } = await res.json();
        expect(error).toMatchObject({ code: "provider_error", message: fault.message(label), details: { provider, status: fault.status } });
        expect(await lastAudit(admin, `provider=${provider}&action=change_role`)).toMatchObject({
          outcome: "failure",
          target: { id: membership.id },
          after: { role: target.name },
          providerStatus: fault.status,
          providerMessage: error.message,
        });
      });
    }

    test(`${label}: an invite send that hangs is checked on ${label}, fails alone, and a retry sends it once`, async ({ as }) => {
      const requester = await as("requester");
      const admin = await as("admin");
      const email = freshEmail(`hang-${provider}`);
      const created = await createRequest(requester, [email], await plainRoles(admin));
      await sandbox.fault(provider, { hang: true, method: "POST", route: inviteRoute(provider), times: 1 });

      const first = await approve(admin, created.request.id);
      for (const item of first.request.items) {
        expect(item.state, item.provider).toBe(item.provider === provider ? "failed" : "sent");
      }
      const failed = first.request.items.find((i) => i.provider === provider)!;
      expect(failed.error?.message).toBe(
        `No answer within 1.5 s from ${label}; ${label} shows no invite for ${email}, so it can be retried`,
      );
      // Approving again sends nothing more.
      const again = await approve(admin, created.request.id);
      expect(again.request.items.map((i) => [i.provider, i.state, i.attempts])).toEqual(
        first.request.items.map((i) => [i.provider, i.state, i.attempts]),
      );

      const retried = await admin.post(`/api/invite-requests/${created.request.id}/retry`, { data: {} });
      expect(retried.status(), await retried.text()).toBe(200);
      const body = (await retried.json()) as InviteRequestResponse;
      expect(body.request.items.find((i) => i.provider === provider)).toMatchObject({ state: "sent", attempts: 2, error: null });
      expect(await invitesOnSandbox(provider, email)).toBe(1);
      // The hung call and the retry; only the retry was carried out.
      expect(await inviteCallsOnSandbox(provider, email)).toBe(2);
      expect(await invitePostsOnSandbox(provider, email)).toBe(1);
      for (const other of others) expect(await inviteCallsOnSandbox(other, email), other).toBe(1);
    });

    test(`${label}: an invite ${label} carried out after Roster stopped waiting is found on retry, not sent again`, async ({ as }) => {
      const requester = await as("requester");
      const admin = await as("admin");
      const email = freshEmail(`lost-${provider}`);
      const created = await createRequest(requester, [email], { [provider]: (await plainRoles(admin))[provider] });
      // Answered after Roster's 1.5 s timeout, but carried out: the answer is lost.
      await sandbox.fault(provider, { latencyMs: 3_000, method: "POST", route: inviteRoute(provider), times: 1 });

      const first = await approve(admin, created.request.id);
      expect(first.request.items[0]).toMatchObject({ state: "failed", attempts: 1 });
      await expect.poll(() => invitesOnSandbox(provider, email), { timeout: 10_000 }).toBe(1);

      const retried = await admin.post(`/api/invite-requests/${created.request.id}/retry`, { data: {} });
      expect(retried.status(), await retried.text()).toBe(200);
      const body = (await retried.json()) as InviteRequestResponse;
      expect(body.request.items[0]).toMatchObject({ state: "sent", attempts: 2, error: null });
      expect(await invitesOnSandbox(provider, email)).toBe(1);
      expect(await inviteCallsOnSandbox(provider, email)).toBe(1);
      const audit = await lastAudit(admin, `provider=${provider}&action=send_invite`);
      expect(audit).toMatchObject({
        outcome: "success",
        target: { email },
        providerMessage: `${label} shows the invite for ${email}: an earlier send reached it`,
      });
    });
  }
});
