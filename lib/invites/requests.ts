import { scheduleExpiry } from "../jobs/scheduled";
import { randomUUID } from "node:crypto";
import { attemptOf, auditedChange, type ChangeContext, refuse } from "../audit/change";
import type { AuditAction } from "../audit/constants";
import type { AuditAttempt } from "../audit/log";
import { ApiError, forbidden, notFound } from "../api/errors";
import { hasRole } from "../auth/roles";
import { performApproved } from "../changes/approved";
import type { InviteRequestRow } from "../db/schema";
import { notify } from "../notify";
import { invitePolicy } from "./policy";
import { toDetail, toRequest } from "./present";
import { decideRequest, expireOverdue, findRequest, insertRequest, listRequests, type StoredRequest } from "./repository";
import { resolveProviderRoles } from "./roles";
import { type Decision, decisionProblem, expiresAtFrom, planItems } from "./rules";
import { queueSending } from "./send-job";
import { retryItems, sendQueued } from "./sending";
import type { CreateInviteRequest, InviteRequestResponse, InviteRequestsResponse, InviteRequestStatus, ListRequestsQuery } from "./types";

/**
 * Invite requests: asked for by a requester (or an admin), stored before anything else
 * happens, then approved or rejected by an admin other than the requester, or cancelled
 * by the requester, or expired. Approval sends the invites (lib/invites/sending).
 * Every request and decision is in the audit log.
 */

const SYSTEM_ACTOR = { id: null, email: "roster", role: "system" };

function requestAttempt(
  ctx: ChangeContext,
  action: AuditAction,
  row: Pick<InviteRequestRow, "id" | "requesterEmail">,
  after: unknown,
): AuditAttempt {
  return attemptOf(ctx, { action, target: { id: row.id, email: row.requesterEmail }, before: { status: "pending" }, after });
}

/** Pending requests past their expiry become `expired` (at their deadline, by a job: lib/jobs/scheduled.ts; and on any read), each audited. */
export async function expireDue(): Promise<void> {
  const expired = await expireOverdue(new Date());
  for (const row of expired) {
    const attempt: AuditAttempt = {
      actor: SYSTEM_ACTOR,
      action: "expire_request",
      target: { id: row.id, email: row.requesterEmail },
      before: { status: "pending" },
      after: { status: "expired", expiresAt: row.expiresAt.toISOString() },
    };
    await auditedChange(attempt, async () => {});
    await notify({ kind: "request_decided", requestId: row.id });
  }
}

async function load(id: string): Promise<StoredRequest> {
  await expireDue();
  const stored = await findRequest(id);
  if (!stored) throw notFound(`Invite request ${id}`);
  return stored;
}

async function detail(id: string, extra: Omit<InviteRequestResponse, "request"> = {}): Promise<InviteRequestResponse> {
  const stored = (await findRequest(id))!;
  return { request: toDetail(stored.request, stored.items), ...extra };
}

export async function createInviteRequest(ctx: ChangeContext, input: CreateInviteRequest): Promise<InviteRequestResponse> {
  const policy = invitePolicy();
  if (input.direct) {
    if (!policy.directInvites) {
      throw new ApiError("direct_invites_off", "Direct invites are off (ROSTER_DIRECT_INVITES): send a request for approval instead");
    }
    if (!hasRole(ctx.operator.role, "admin")) throw forbidden("admin");
  }
  const providers = await resolveProviderRoles(input.providers);
  const { items, emails, duplicates } = planItems(input.emails, providers);
  const createdAt = new Date();
  const id = randomUUID();
  const providersAfter = providers.map((p) => ({
    provider: p.provider,
    role: p.roleName,
    ...(p.projects ? { projects: p.projects } : {}),
  }));
  const attempt = attemptOf(ctx, {
    action: "request_invite",
    target: { id, email: emails.length === 1 ? emails[0] : null },
    before: null,
    after: { emails, providers: providersAfter, reason: input.reason, direct: input.direct === true },
  });
  let stored: StoredRequest | undefined;
  await auditedChange(attempt, async () => {
    stored = await insertRequest({
      id,
      requester: ctx.operator,
      reason: input.reason,
      createdAt,
      expiresAt: expiresAtFrom(createdAt, policy.expiryDays),
      items,
      ...(input.direct ? { approved: { reason: "Direct invite (ROSTER_DIRECT_INVITES=admins)" } } : {}),
    });
  });
  if (!input.direct) {
    await scheduleExpiry(stored!.request.expiresAt);
    await notify({ kind: "request_created", requestId: id });
  }
  if (input.direct) {
    const approval = requestAttempt(ctx, "approve_request", stored!.request, { status: "approved", direct: true });
    await auditedChange(approval, async () => {});
    await sendQueued(ctx, id);
  }
  return detail(id, duplicates.length ? { duplicates } : {});
}

export async function listInviteRequests(operatorId: string, query: ListRequestsQuery): Promise<InviteRequestsResponse> {
  await expireDue();
  const { rows, total } = await listRequests({
    statuses: query.status,
    requesterId: query.mine ? operatorId : undefined,
    page: query.page,
    pageSize: query.pageSize,
  });
  return {
    requests: rows.map((r) => toRequest(r.request, r.items)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    policy: invitePolicy(),
  };
}

export async function getInviteRequest(id: string): Promise<InviteRequestResponse> {
  const stored = await load(id);
  return { request: toDetail(stored.request, stored.items) };
}

const DECIDED: Record<Decision, Exclude<InviteRequestStatus, "pending" | "expired">> = {
  approve: "approved",
  reject: "rejected",
  cancel: "cancelled",
};

const ACTION: Record<Decision, AuditAction> = { approve: "approve_request", reject: "reject_request", cancel: "cancel_request" };

/**
 * Records one decision: refused (and logged) when the rules say no; otherwise a
 * conditional UPDATE from `pending`, so of two decisions at once only one happens.
 * Returns false when another decision got there first.
 */
async function decide(ctx: ChangeContext, stored: StoredRequest, decision: Decision, reason: string | null): Promise<boolean> {
  const { request } = stored;
  const attempt = requestAttempt(ctx, ACTION[decision], request, { status: DECIDED[decision], reason });
  const problem = decisionProblem(
    { status: request.status, requesterId: request.requesterId, expiresAt: request.expiresAt },
    ctx.operator.id,
    decision,
    new Date(),
  );
  if (problem) await refuse(attempt, problem.code, problem.message);
  let decided = false;
  await auditedChange(attempt, async (entry) => {
    const row = await decideRequest(request.id, DECIDED[decision], { id: ctx.operator.id, email: ctx.operator.email, reason }, new Date());
    decided = row !== null;
    if (!decided) entry.settle({ outcome: "failure", providerMessage: "Another decision on this request came first" });
  });
  if (decided && decision !== "cancel") await notify({ kind: "request_decided", requestId: request.id });
  return decided;
}

/** An approved request approved again by someone who may approve: nothing new is decided or sent twice. */
function isRepeatApproval(ctx: ChangeContext, request: InviteRequestRow): boolean {
  return request.status === "approved" && request.requesterId !== ctx.operator.id;
}

export async function approveInviteRequest(ctx: ChangeContext, id: string, reason?: string): Promise<InviteRequestResponse> {
  const stored = await load(id);
  if (!isRepeatApproval(ctx, stored.request) && !(await decide(ctx, stored, "approve", reason ?? null))) {
    const again = (await findRequest(id))!;
    if (!isRepeatApproval(ctx, again.request)) {
      throw new ApiError("not_pending", `This invite request was already ${again.request.status}`);
    }
  }
  // A change request (the two-person rule): the approval performs the change, once; only that answer carries its secret.
  if (stored.request.kind !== "invite") {
    const performed = await performApproved(ctx, stored.request);
    return detail(id, performed);
  }
  // Sent in the background (lib/invites/send-job.ts): the answer is the request as approved, its items
  // still queued; each is claimed once, whichever server's job (or repeat approval) gets there first.
  await queueSending({ inviteRequestId: id, requestId: ctx.requestId });
  return detail(id);
}

async function decideOnly(ctx: ChangeContext, id: string, decision: "reject" | "cancel", reason: string | null) {
  const stored = await load(id);
  if (!(await decide(ctx, stored, decision, reason))) {
    const again = (await findRequest(id))!;
    throw new ApiError("not_pending", `This invite request was already ${again.request.status}`);
  }
  return detail(id);
}

export function rejectInviteRequest(ctx: ChangeContext, id: string, reason: string): Promise<InviteRequestResponse> {
  return decideOnly(ctx, id, "reject", reason);
}

export function cancelInviteRequest(ctx: ChangeContext, id: string): Promise<InviteRequestResponse> {
  return decideOnly(ctx, id, "cancel", null);
}

/** Sends again only the items that failed (or never got an answer, once checked); the rest stay as they are. */
export async function retryInviteRequest(ctx: ChangeContext, id: string): Promise<InviteRequestResponse> {
  const stored = await load(id);
  if (stored.request.status !== "approved") {
    throw new ApiError("not_pending", `Only an approved request sends invites; this one is ${stored.request.status}`);
  }
  await retryItems(ctx, id, stored.items);
  return detail(id);
}
