import type { AuditResponse } from "../../lib/audit/types";
import type { UsersResponse } from "../../lib/directory/types";
import type { InviteRequestResponse, InviteRequestsResponse, PendingInvitesResponse } from "../../lib/invites/types";
import { expect, inFreshWorld, test } from "../fixtures";
import {
  approve,
  createRequest,
  freshEmail,
  invitePostsOnSandbox,
  invitesOnSandbox,
  peopleOn,
  plainRoles,
  PROVIDERS,
} from "./invite-helpers";

/** Invite requests over HTTP against the sandboxes: request, approval by a second person, sending, idempotency. */

async function expectOneInviteEach(email: string) {
  for (const provider of PROVIDERS) {
    expect(await invitesOnSandbox(provider, email), `${provider} invites for ${email}`).toBe(1);
    expect(await invitePostsOnSandbox(provider, email), `${provider} invite calls for ${email}`).toBe(1);
  }
}

async function expectNoInvites(email: string) {
  for (const provider of PROVIDERS) expect(await invitesOnSandbox(provider, email), provider).toBe(0);
}

test.describe("invite requests", () => {
  inFreshWorld(test, "each");

  test("request → approval by another admin → one invite on each sandbox, shown at once and audited", async ({ as }) => {
    const requester = await as("requester");
    const admin = await as("admin");
    const roles = await plainRoles(requester);
    const email = freshEmail("approve");
    const created = await createRequest(requester, [email], roles, "New analyst");
    expect(created.request).toMatchObject({
      status: "pending",
      reason: "New analyst",
      requester: { email: "requester@roster.demo" },
      emails: [email],
    });
    expect(created.request.items.map((i) => i.state)).toEqual(["queued", "queued", "queued"]);
    await expectNoInvites(email);

    const approved = await approve(admin, created.request.id);
    expect(approved.request).toMatchObject({ status: "approved", decidedBy: { email: "admin@roster.demo" }, counts: { sent: 3 } });
    for (const item of approved.request.items) expect(item).toMatchObject({ state: "sent", role: roles[item.provider], attempts: 1 });
    await expectOneInviteEach(email);

    // The users directory shows the person as invited everywhere, before any sync.
    const users = (await (await admin.get(`/api/users?q=${encodeURIComponent(email)}`)).json()) as UsersResponse;
    expect(users.people[0].memberships.map((m) => [m.provider, m.status]).sort()).toEqual([
      ["arthur", "invited"],
      ["astronomer", "invited"],
      ["openai", "invited"],
    ]);
    // …and still after a full sync: Arthur lists the account as a user, Roster's ledger knows it is an invitation.
    await admin.post("/api/sync", { data: {} });
    const synced = (await (await admin.get(`/api/users?q=${encodeURIComponent(email)}`)).json()) as UsersResponse;
    expect(synced.people[0].memberships.map((m) => [m.provider, m.status]).sort()).toEqual([
      ["arthur", "invited"],
      ["astronomer", "invited"],
      ["openai", "invited"],
    ]);
    // Every pending invite on every provider: Arthur's from Roster's ledger, all linked to the request.
    const pending = (await (await admin.get("/api/invites")).json()) as PendingInvitesResponse;
    const mine = pending.invites.filter((i) => i.email === email);
    expect(mine.map((i) => [i.provider, i.source, i.requestId]).sort()).toEqual([
      ["arthur", "ledger", created.request.id],
      ["astronomer", "provider", created.request.id],
      ["openai", "provider", created.request.id],
    ]);
    expect(mine.find((i) => i.provider === "openai")!.expiresAt).toBeTruthy();
    expect(pending.invites.filter((i) => i.provider === "openai" && i.email !== email).length).toBeGreaterThan(0);

    const audit = (await (await admin.get(`/api/audit?pageSize=20&actor=admin@roster.demo&action=send_invite`)).json()) as AuditResponse;
    const sends = audit.events.filter((e) => e.target.email === email);
    expect(sends.map((e) => [e.provider, e.outcome]).sort()).toEqual([
      ["arthur", "success"],
      ["astronomer", "success"],
      ["openai", "success"],
    ]);
    const requested = (await (await admin.get("/api/audit?pageSize=5&action=request_invite")).json()) as AuditResponse;
    expect(requested.events[0]).toMatchObject({
      outcome: "success",
      target: { id: created.request.id },
      actor: { email: "requester@roster.demo" },
    });
    const decided = (await (await admin.get("/api/audit?pageSize=5&action=approve_request")).json()) as AuditResponse;
    expect(decided.events[0]).toMatchObject({
      outcome: "success",
      target: { id: created.request.id },
      actor: { email: "admin@roster.demo" },
    });
  });

  test("nobody approves their own request (403), and a requester cannot approve at all", async ({ as }) => {
    const admin = await as("admin");
    const requester = await as("requester");
    const roles = await plainRoles(admin);
    const email = freshEmail("self");
    const own = await createRequest(admin, [email], { openai: roles.openai });
    const self = await admin.post(`/api/invite-requests/${own.request.id}/approve`, { data: {} });
    expect(self.status()).toBe(403);
    expect((await self.json()).error.code).toBe("self_approval");
    const selfReject = await admin.post(`/api/invite-requests/${own.request.id}/reject`, { data: { reason: "never mind" } });
    expect(selfReject.status()).toBe(403);
    const refused = (await (await admin.get("/api/audit?pageSize=5&action=approve_request&outcome=refused")).json()) as AuditResponse;
    expect(refused.events[0]).toMatchObject({ target: { id: own.request.id }, actor: { email: "admin@roster.demo" } });

    const theirs = await createRequest(requester, [freshEmail("requester")], { openai: roles.openai });
    for (const id of [own.request.id, theirs.request.id]) {
      const res = await requester.post(`/api/invite-requests/${id}/approve`, { data: {} });
      expect(res.status()).toBe(403);
      expect((await res.json()).error.code).toBe("forbidden");
    }
    expect((await (await admin.get(`/api/invite-requests/${own.request.id}`)).json()).request.status).toBe("pending");
    await expectNoInvites(email);
  });

  test("rejection (with a reason) sends nothing; cancellation is the requester's", async ({ as }) => {
    const requester = await as("requester");
    const admin = await as("admin");
    const roles = await plainRoles(admin);
    const email = freshEmail("reject");
    const created = await createRequest(requester, [email], roles);

    const noReason = await admin.post(`/api/invite-requests/${created.request.id}/reject`, { data: {} });
    expect(noReason.status()).toBe(422);
    expect((await noReason.json()).error.message).toMatch(/reason/);
    const rejected = await admin.post(`/api/invite-requests/${created.request.id}/reject`, { data: { reason: "Not on the team" } });
    expect(rejected.status(), await rejected.text()).toBe(200);
    const body = (await rejected.json()) as InviteRequestResponse;
    expect(body.request).toMatchObject({
      status: "rejected",
      decisionReason: "Not on the team",
      decidedBy: { email: "admin@roster.demo" },
    });
    expect(body.request.items.every((i) => i.state === "queued")).toBe(true);
    const late = await (await as("owner")).post(`/api/invite-requests/${created.request.id}/approve`, { data: {} });
    expect(late.status()).toBe(409);
    expect((await late.json()).error.code).toBe("not_pending");
    await expectNoInvites(email);
    for (const provider of PROVIDERS) expect(await invitePostsOnSandbox(provider, email)).toBe(0);

    const other = await createRequest(requester, [freshEmail("cancel")], { openai: roles.openai });
    expect((await admin.post(`/api/invite-requests/${other.request.id}/cancel`, { data: {} })).status()).toBe(403);
    const cancelled = await requester.post(`/api/invite-requests/${other.request.id}/cancel`, { data: {} });
    expect(cancelled.status()).toBe(200);
    expect(((await cancelled.json()) as InviteRequestResponse).request.status).toBe("cancelled");
    expect((await admin.post(`/api/invite-requests/${other.request.id}/approve`, { data: {} })).status()).toBe(409);

    const list = (await (await admin.get("/api/invite-requests?status=rejected,cancelled")).json()) as InviteRequestsResponse;
    expect(list.requests.map((r) => r.id)).toEqual(expect.arrayContaining([created.request.id, other.request.id]));
    expect(list.requests.every((r) => r.status === "rejected" || r.status === "cancelled")).toBe(true);
    expect(list.policy).toEqual({ directInvites: false, expiryDays: 7 });
  });

  test("approving the same request twice, at once and again later, sends one invite per provider", async ({ as }) => {
    const requester = await as("requester");
    const admin = await as("admin");
    const owner = await as("owner");
    const roles = await plainRoles(admin);
    const email = freshEmail("twice");
    const created = await createRequest(requester, [email], roles);
    const id = created.request.id;
    const answers = await Promise.all([
      admin.post(`/api/invite-requests/${id}/approve`, { data: {} }),
      owner.post(`/api/invite-requests/${id}/approve`, { data: {} }),
      admin.post(`/api/invite-requests/${id}/approve`, { data: {} }),
    ]);
    for (const res of answers) expect(res.status(), await res.text()).toBe(202);
    const again = await approve(admin, id);
    expect(again.request.items.map((i) => [i.state, i.attempts])).toEqual([
      ["sent", 1],
      ["sent", 1],
      ["sent", 1],
    ]);
    const retried = await admin.post(`/api/invite-requests/${id}/retry`, { data: {} });
    expect(retried.status()).toBe(200);
    await expectOneInviteEach(email);
    const decisions = (await (await admin.get("/api/audit?pageSize=10&action=approve_request")).json()) as AuditResponse;
    expect(decisions.events.filter((e) => e.target.id === id && e.outcome === "success")).toHaveLength(1);
  });

  for (const provider of PROVIDERS) {
    test(`already-member and already-invited emails are skipped on ${provider}`, async ({ as }) => {
      const requester = await as("requester");
      const admin = await as("admin");
      const roles = await plainRoles(admin);
      const member = (await peopleOn(admin, provider, "active"))[0];
      let invited = (await peopleOn(admin, provider, "invited"))[0];
      if (!invited) {
        // Arthur lists no invites: invite someone through Roster first.
        invited = freshEmail("invited");
        await approve(admin, (await createRequest(requester, [invited], { [provider]: roles[provider] })).request.id);
      }
      const fresh = freshEmail("skip");
      const created = await createRequest(requester, [member, invited, fresh, fresh.toUpperCase()], { [provider]: roles[provider] });
      expect(created.duplicates).toEqual([fresh]);
      const body = await approve(admin, created.request.id);
      const byEmail = Object.fromEntries(body.request.items.map((i) => [i.email, i]));
      expect(byEmail[member]).toMatchObject({ state: "skipped", skipReason: "already_member" });
      expect(byEmail[invited]).toMatchObject({ state: "skipped", skipReason: "already_invited" });
      expect(byEmail[fresh]).toMatchObject({ state: "sent" });
      expect(body.request.counts).toMatchObject({ skipped: 2, sent: 1 });
      expect(await invitePostsOnSandbox(provider, member)).toBe(0);
      expect(await invitesOnSandbox(provider, fresh)).toBe(1);
      // A correct skip reads as a skip, never as a refusal.
      const skips = (await (
        await admin.get(`/api/audit?pageSize=10&action=send_invite&provider=${provider}&outcome=skipped`)
      ).json()) as AuditResponse;
      expect(skips.events.map((e) => e.target.email)).toEqual(expect.arrayContaining([member, invited]));
      const skipOf = (email: string) => skips.events.find((e) => e.target.email === email)!;
      expect(skipOf(member)).toMatchObject({ outcome: "skipped", providerMessage: expect.stringMatching(/already a member/) });
      expect(skipOf(member).description).toMatch(new RegExp(`^Invite ${member.replace(/[.+]/g, "\\$&")} to `));
      const refused = (await (
        await admin.get(`/api/audit?pageSize=50&action=send_invite&provider=${provider}&outcome=refused`)
      ).json()) as AuditResponse;
      expect(refused.events.map((e) => e.target.email)).not.toContain(member);
    });
  }

  test("bad emails and unknown roles get 422 naming the field; viewers cannot request", async ({ as }) => {
    const requester = await as("requester");
    const ok = { emails: ["ada@example.com"], providers: [{ provider: "openai", role: "reader" }], reason: "Analyst" };
    const cases: Array<[unknown, RegExp]> = [
      [{ ...ok, emails: ["ada@example.com", "not-an-email"] }, /^emails\.1: "not-an-email" is not an email address/],
      [{ ...ok, emails: "ada@example.com, bob@@example" }, /emails\.1: "bob@@example"/],
      [{ ...ok, emails: [] }, /emails/],
      [
        { ...ok, providers: [{ provider: "openai", role: "superuser" }] },
        /^providers\.0\.role: "superuser" is not a role on OpenAI \(one of owner, reader\)/,
      ],
      [
        {
          ...ok,
          providers: [
            { provider: "openai", role: "reader" },
            { provider: "arthur", role: "Overlord" },
          ],
        },
        /^providers\.1\.role: "Overlord"/,
      ],
      [{ ...ok, providers: [{ provider: "slack", role: "member" }] }, /providers\.0\.provider/],
      [{ ...ok, providers: [] }, /providers/],
      [{ ...ok, reason: "" }, /reason/],
      [{ emails: ok.emails, providers: ok.providers }, /reason/],
    ];
    for (const [data, message] of cases) {
      const res = await requester.post("/api/invite-requests", { data });
      expect(res.status(), JSON.stringify(data)).toBe(422);
      expect((await res.json()).error.message, JSON.stringify(data)).toMatch(message);
    }
    const badId = await requester.get("/api/invite-requests/not-a-uuid");
    expect(badId.status()).toBe(422);
    expect((await badId.json()).error.message).toMatch(/id/);
    expect((await requester.get("/api/invite-requests/00000000-0000-4000-8000-000000000000")).status()).toBe(404);

    const viewer = await as("viewer");
    expect((await viewer.post("/api/invite-requests", { data: ok })).status()).toBe(403);
    expect((await viewer.get("/api/invite-requests")).status()).toBe(200);
    const direct = await (await as("admin")).post("/api/invite-requests", { data: { ...ok, direct: true } });
    expect(direct.status()).toBe(403);
    expect((await direct.json()).error.code).toBe("direct_invites_off");
  });
});
