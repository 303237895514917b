import type { APIRequestContext } from "@playwright/test";
import type { RolesResponse } from "../../lib/changes/types";
import type { UsersResponse } from "../../lib/directory/types";
import type { InviteRequestResponse } from "../../lib/invites/types";
import { PROVIDER_IDS, type ProviderId } from "../../lib/providers/types";
import { SANDBOX_ASTRONOMER_ORG_ID } from "../../lib/providers/astronomer/sandbox-org";
import { E2E } from "../env";
import { expect } from "../fixtures";

/** Helpers for the invite request API tests: reading the sandboxes directly, and Roster's API. */

export const PROVIDERS: readonly ProviderId[] = PROVIDER_IDS;

const AUTH = { authorization: "Bearer sandbox" };
let serial = 0;

/** An email no sandbox knows. */
export function freshEmail(tag: string): string {
  return `invitee-${tag}-${Date.now()}-${++serial}@example.com`;
}

/** Where each sandbox listens: the e2e server's by default, another set for tests that run their own. */
export type SandboxUrls = Record<ProviderId, string>;

async function sandboxGet<T>(provider: ProviderId, path: string, sandboxes: SandboxUrls = E2E.sandbox): Promise<T> {
  const res = await fetch(`${sandboxes[provider]}${path}`, { headers: AUTH });
  expect(res.status, `${provider} ${path}`).toBe(200);
  return (await res.json()) as T;
}

/** Pending invites for this email as each sandbox itself holds them (Arthur: the invited accounts). */
export async function invitesOnSandbox(provider: ProviderId, email: string): Promise<number> {
  const wanted = email.toLowerCase();
  if (provider === "openai") {
    let after: string | undefined;
    let n = 0;
    for (;;) {
      const page = await sandboxGet<{
        data: Array<{ id: string; email: string; status: string }>;
        has_more: boolean;
        last_id: string | null;
      }>("openai", `/v1/organization/invites?limit=100${after ? `&after=${after}` : ""}`);
      n += page.data.filter((i) => i.email.toLowerCase() === wanted && i.status === "pending").length;
      if (!page.has_more || !page.data.length) return n;
      after = page.data[page.data.length - 1].id;
    }
  }
  if (provider === "astronomer") {
    const body = await sandboxGet<{ users: Array<{ username: string; invites?: unknown[] }> }>(
      "astronomer",
      `/v1alpha1/organizations/${SANDBOX_ASTRONOMER_ORG_ID}/users?hasInvites=true&limit=100&search=${encodeURIComponent(email)}`,
    );
    return body.users.filter((u) => u.username.toLowerCase() === wanted).reduce((sum, u) => sum + (u.invites?.length ?? 0), 0);
  }
  const body = await sandboxGet<{ records: Array<{ email?: string | null }> }>(
    "arthur",
    `/api/v1/organization/users?page_size=100&search=${encodeURIComponent(email)}`,
  );
  return body.records.filter((u) => u.email?.toLowerCase() === wanted).length;
}

export const INVITE_ROUTE: Record<ProviderId, { pattern: string; email: (body: Record<string, unknown>) => unknown }> = {
  openai: { pattern: "/organization/invites", email: (b) => b.email },
  astronomer: { pattern: "/organizations/{organizationId}/invites", email: (b) => b.inviteeEmail },
  arthur: { pattern: "/api/v1/organization/users/invite-user", email: (b) => b.email },
};

/** The invite route of a provider's sandbox, for faults. */
export function inviteRoute(provider: ProviderId): string {
  return INVITE_ROUTE[provider].pattern;
}

/** How many invite POSTs for this email the sandbox received and answered with success. */
export async function invitePostsOnSandbox(provider: ProviderId, email: string, sandboxes?: SandboxUrls): Promise<number> {
  const { requests } = await sandboxGet<{ requests: Array<{ method: string; pattern: string | null; body: unknown; status: number }> }>(
    provider,
    "/__sandbox/requests",
    sandboxes,
  );
  const route = INVITE_ROUTE[provider];
  return requests.filter(
    (r) =>
      r.method === "POST" &&
      r.pattern === route.pattern &&
      r.status >= 200 &&
      r.status < 300 &&
      String(route.email((r.body ?? {}) as Record<string, unknown>)).toLowerCase() === email.toLowerCase(),
  ).length;
}

/** A non-owner organization role on each provider, as `GET /api/roles` names it. */
export async function plainRoles(api: APIRequestContext): Promise<Record<ProviderId, string>> {
  const body = (await (await api.get("/api/roles")).json()) as RolesResponse;
  const pick = (id: ProviderId) =>
    body.providers.find((p) => p.id === id)!.roles.find((r) => r.scope === "organization" && !r.isOwner)!.name;
  return { openai: pick("openai"), astronomer: pick("astronomer"), arthur: pick("arthur") };
}

export async function createRequest(
  api: APIRequestContext,
  emails: string[],
  roles: Partial<Record<ProviderId, string>>,
  reason = "Joins the data team",
): Promise<InviteRequestResponse> {
  const providers = Object.entries(roles).map(([provider, role]) => ({ provider, role }));
  const res = await api.post("/api/invite-requests", { data: { emails, providers, reason } });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

/** Whether a job is still sending some of an approved request's invites. */
export function stillSending(body: InviteRequestResponse): boolean {
  return body.request.status === "approved" && body.request.counts.queued + body.request.counts.sending > 0;
}

/** The request once its background sending has ended: every item sent, skipped or failed. */
export async function sendingEnded(api: APIRequestContext, id: string, timeout = 30_000): Promise<InviteRequestResponse> {
  let body: InviteRequestResponse | undefined;
  await expect
    .poll(
      async () => {
        body = (await (await api.get(`/api/invite-requests/${id}`)).json()) as InviteRequestResponse;
        return stillSending(body);
      },
      { timeout, intervals: [100, 200, 250, 500] },
    )
    .toBe(false);
  return body!;
}

/** Approves an invite request (answered 202 at once: a job sends) and waits for the sending to end. */
export async function approve(api: APIRequestContext, id: string, expected = 202): Promise<InviteRequestResponse> {
  const res = await api.post(`/api/invite-requests/${id}/approve`, { data: {} });
  expect(res.status(), await res.text()).toBe(expected);
  const answered = (await res.json()) as InviteRequestResponse;
  return expected === 202 ? sendingEnded(api, id) : answered;
}

/** Active (or invited) people on a provider, from the users directory. */
export async function peopleOn(api: APIRequestContext, provider: ProviderId, status: "active" | "invited"): Promise<string[]> {
  const res = await api.get(`/api/users?pageSize=200&provider=${provider}&status=${status}&kind=person`);
  const body = (await res.json()) as UsersResponse;
  return body.people
    .filter((p) => p.email && p.memberships.some((m) => m.provider === provider && m.status === status))
    .map((p) => p.email!);
}
