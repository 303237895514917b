import type { APIRequestContext, APIResponse } from "@playwright/test";
import type { ApprovalRequiredResponse, InviteRequestResponse } from "../../lib/invites/types";
import type { AuditResponse } from "../../lib/audit/types";
import type { RolesResponse } from "../../lib/changes/types";
import type { UsersResponse } from "../../lib/directory/types";
import type { ProviderId } from "../../lib/providers/types";
import { expect } from "../fixtures";

/** Helpers for the member change API tests: people, roles and the audit log as Roster's API answers them. */

export async function people(api: APIRequestContext, query: string): Promise<UsersResponse> {
  const res = await api.get(`/api/users?pageSize=200&${query}`);
  expect(res.status()).toBe(200);
  return res.json();
}

export async function roles(api: APIRequestContext, provider: ProviderId) {
  const body = (await (await api.get("/api/roles")).json()) as RolesResponse;
  const entry = body.providers.find((p) => p.id === provider)!;
  const org = entry.roles.filter((r) => r.scope === "organization");
  return {
    owner: org.find((r) => r.isOwner)!,
    /** Roles an admin grants alone: neither owner nor admin-level (those wait for a second admin). */
    plain: org.filter((r) => !r.isOwner && !r.adminLevel),
    adminLevel: org.filter((r) => r.adminLevel),
    workspaces: entry.workspaces,
    all: entry.roles,
  };
}

/**
 * Leaves `keep` the provider's only owner: the other direct owners are demoted to `plainRoleId`,
 * and everyone else who is an owner through a group or team is taken out of it (where the
 * provider manages groups), since the last-owner rule counts owners however they hold the role.
 */
export async function leaveOnlyOwner(
  api: APIRequestContext,
  provider: ProviderId,
  keep: { id: string },
  others: ReadonlyArray<{ id: string }>,
  plainRoleId: string,
) {
  for (const m of others) {
    const res = await api.patch(`/api/members/${provider}/${encodeURIComponent(m.id)}`, { data: { role: plainRoleId, confirmSelf: true } });
    expect(res.status(), await res.text()).toBe(200);
  }
  const listed = await api.get(`/api/groups?provider=${provider}`);
  if (listed.status() !== 200) return;
  const { owner } = await roles(api, provider);
  const { groups } = (await listed.json()) as {
    groups: Array<{ id: string; memberIds: string[]; roles: Array<{ scope: string; role: string }> }>;
  };
  for (const group of groups.filter((g) =>
    g.roles.some((r) => r.scope === "organization" && (r.role === owner.id || r.role === owner.name)),
  )) {
    for (const memberId of group.memberIds.filter((id) => id.toLowerCase() !== keep.id.toLowerCase())) {
      const res = await api.delete(`/api/members/${provider}/${encodeURIComponent(memberId)}/groups/${encodeURIComponent(group.id)}`);
      expect(res.status(), await res.text()).toBe(200);
    }
  }
}

/** An active, non-managed person member on the provider who is not an owner. */
export async function ordinaryMember(api: APIRequestContext, provider: ProviderId, skip = 0) {
  const { plain } = await roles(api, provider);
  const list = await people(api, `provider=${provider}&status=active&kind=person&role=${encodeURIComponent(plain[0].name)}`);
  const person = list.people.filter((p) => p.email && p.memberships.some((m) => m.provider === provider && !m.managed))[skip];
  const membership = person.memberships.find((m) => m.provider === provider && m.status === "active")!;
  return { person, membership };
}

export async function lastAudit(api: APIRequestContext, query = "") {
  const body = (await (await api.get(`/api/audit?pageSize=5&${query}`)).json()) as AuditResponse;
  return body.events[0];
}

/**
 * A change the two-person rule held (202 with a request), approved by a second admin:
 * returns the approval's answer (the change done, and a new secret once).
 */
export async function throughApproval(res: APIResponse, approver: APIRequestContext): Promise<InviteRequestResponse> {
  expect(res.status(), await res.text()).toBe(202);
  const { approvalRequired, request } = (await res.json()) as ApprovalRequiredResponse;
  expect(approvalRequired).toBe(true);
  const approved = await approver.post(`/api/invite-requests/${request.id}/approve`, { data: {} });
  expect(approved.status(), await approved.text()).toBe(200);
  const body = (await approved.json()) as InviteRequestResponse;
  expect(body.request.outcome, JSON.stringify(body.request.outcome)).toMatchObject({ state: "done" });
  return body;
}
