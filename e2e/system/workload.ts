import type { AuditEvent, AuditResponse } from "../../lib/audit/types";
import type { RolesResponse } from "../../lib/changes/types";
import type { UsersResponse } from "../../lib/directory/types";
import type { ProviderId } from "../../lib/providers/types";
import { type Answer, PROVIDERS, type RosterClient } from "./servers";

/**
 * The changes the crash test and the load bench fire at Roster, and the audit check they
 * share: every change answered 2xx has its success row in the audit log.
 */

export interface Targets {
  /** Non-owner organization roles per provider (two at least, to change back and forth). */
  roles: Record<ProviderId, string[]>;
  /** Active people per provider who are not owners and not a demo operator. */
  members: Record<ProviderId, Array<{ id: string; email: string | null; role: string }>>;
}

export async function loadTargets(client: RosterClient): Promise<Targets> {
  const rolesAnswer = await client.get<RolesResponse>("/api/roles");
  if (rolesAnswer.status !== 200) throw new Error(`GET /api/roles: ${rolesAnswer.status} ${JSON.stringify(rolesAnswer.body)}`);
  const roles = {} as Targets["roles"];
  const owners = {} as Record<ProviderId, Set<string>>;
  for (const p of rolesAnswer.body.providers) {
    const org = p.roles.filter((r) => r.scope === "organization");
    // Roles one admin grants alone: admin-level ones wait for a second admin (the two-person rule).
    roles[p.id] = org.filter((r) => !r.isOwner && !r.adminLevel).map((r) => r.name);
    owners[p.id] = new Set(org.filter((r) => r.isOwner).map((r) => r.name));
  }
  const members = {} as Targets["members"];
  for (const provider of PROVIDERS) {
    const found: Targets["members"][ProviderId] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await client.get<UsersResponse>(`/api/users?provider=${provider}&status=active&kind=person&pageSize=200&page=${page}`);
      if (res.status !== 200) throw new Error(`GET /api/users (${provider}): ${res.status} ${JSON.stringify(res.body)}`);
      for (const person of res.body.people) {
        const m = person.memberships.find((x) => x.provider === provider && x.status === "active" && x.kind === "person");
        if (!m || owners[provider].has(m.role) || person.email?.endsWith("@roster.demo")) continue;
        found.push({ id: m.id, email: person.email, role: m.role });
      }
      if (res.body.people.length < 200) break;
    }
    members[provider] = found;
  }
  return { roles, members };
}

export type ChangeKind = "change_role" | "remove_member" | "request_invite" | "approve_request";

/** One change as it was sent and answered (status 0: no answer, the server was gone). */
export interface Sent {
  kind: ChangeKind;
  requestId: string;
  status: number;
  body: unknown;
  /** Invite requests: what was asked. */
  emails?: string[];
  providers?: ProviderId[];
  /** Invite requests and approvals: the request's id. */
  inviteRequestId?: string;
}

export const is2xx = (status: number) => status >= 200 && status < 300;

/** Sends one change, recording its answer; a dropped connection is recorded as status 0. */
export async function send(
  client: RosterClient,
  sent: Omit<Sent, "status" | "body">,
  method: string,
  url: string,
  body?: unknown,
): Promise<Sent> {
  let answer: Answer;
  try {
    answer = await client.call(method, url, body, sent.requestId);
  } catch (error) {
    answer = { status: 0, body: error instanceof Error ? error.message : String(error) };
  }
  return { ...sent, status: answer.status, body: answer.body };
}

/** Every audit event since `from` (paged), by the request id of the call that wrote it. */
export async function auditByRequest(client: RosterClient, from: Date): Promise<Map<string, AuditEvent[]>> {
  const byRequest = new Map<string, AuditEvent[]>();
  for (let page = 1; ; page++) {
    const res = await client.get<AuditResponse>(`/api/audit?from=${encodeURIComponent(from.toISOString())}&pageSize=500&page=${page}`);
    if (res.status !== 200) throw new Error(`GET /api/audit: ${res.status} ${JSON.stringify(res.body)}`);
    for (const event of res.body.events) {
      if (!event.requestId) continue;
      byRequest.set(event.requestId, [...(byRequest.get(event.requestId) ?? []), event]);
    }
    if (page * 500 >= res.body.total) return byRequest;
  }
}

/** Changes answered 2xx whose own action has no success row in the audit log. */
export function lostChanges(sent: Sent[], audit: Map<string, AuditEvent[]>): Sent[] {
  return sent.filter((s) => is2xx(s.status) && !(audit.get(s.requestId) ?? []).some((e) => e.action === s.kind && e.outcome === "success"));
}
