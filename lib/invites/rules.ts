import { normaliseEmail } from "../email";
import { ERROR_STATUS, type ErrorCode } from "../api/error-codes";
import type { ProviderId } from "../providers/types";
import { INVITE_ITEM_STATES, type InviteItemProject, type InviteItemState, type InviteRequestStatus, type SkipReason } from "./types";

/**
 * Invite request rules as pure functions: who may decide, when a request expires, which
 * items a request holds, and what to do with one item given what the provider shows.
 */

const DAY_MS = 86_400_000;

export function expiresAtFrom(createdAt: Date, days: number): Date {
  return new Date(createdAt.getTime() + days * DAY_MS);
}

/** A pending request past its expiry: it can no longer be decided. */
export function isOverdue(request: { status: InviteRequestStatus; expiresAt: Date }, now: Date): boolean {
  return request.status === "pending" && request.expiresAt.getTime() <= now.getTime();
}

export type Decision = "approve" | "reject" | "cancel";

export interface Problem {
  status: number;
  code: ErrorCode;
  message: string;
}

const problem = (code: ErrorCode, message: string): Problem => ({ status: ERROR_STATUS[code], code, message });

const PAST: Record<Exclude<InviteRequestStatus, "pending">, string> = {
  approved: "approved",
  rejected: "rejected",
  cancelled: "cancelled",
  expired: "expired",
};

/**
 * Why this operator may not make this decision now; null when they may. Approving or
 * rejecting is for someone other than the requester; cancelling is for the requester.
 */
export function decisionProblem(
  request: { status: InviteRequestStatus; requesterId: string; expiresAt: Date },
  operatorId: string,
  decision: Decision,
  now: Date,
): Problem | null {
  const own = request.requesterId === operatorId;
  if (decision === "approve" && own) {
    return problem("self_approval", "Nobody approves their own invite request: another admin has to");
  }
  if (decision === "reject" && own) {
    return problem("self_approval", "You cannot decide your own invite request: cancel it instead");
  }
  if (decision === "cancel" && !own) {
    return problem("not_requester", "Only the requester may cancel an invite request");
  }
  if (request.status !== "pending") {
    return problem("not_pending", `This invite request was already ${PAST[request.status]}`);
  }
  if (isOverdue(request, now)) {
    return problem("expired", "This invite request has expired: ask again");
  }
  return null;
}

export interface PlannedItem {
  email: string;
  provider: ProviderId;
  roleId: string;
  roleName: string;
  projects?: InviteItemProject[];
}

/** One item per email × provider; emails normalised, each kept once (the repeats are reported). */
export function planItems(
  emails: string[],
  providers: Array<{ provider: ProviderId; roleId: string; roleName: string; projects?: InviteItemProject[] }>,
): { items: PlannedItem[]; emails: string[]; duplicates: string[] } {
  const unique: string[] = [];
  const duplicates = new Set<string>();
  for (const raw of emails) {
    const email = normaliseEmail(raw);
    if (unique.includes(email)) duplicates.add(email);
    else unique.push(email);
  }
  const items = unique.flatMap((email) => providers.map((p) => ({ email, ...p })));
  return { items, emails: unique, duplicates: [...duplicates] };
}

/**
 * What a provider shows for one email, gathered just before sending (lib/invites/evidence):
 * a pending invite (with its id when the provider gives one), or a member who has joined.
 */
export interface Evidence {
  invite: { id: string | null } | null;
  member: boolean;
}

export type ItemPlan =
  | { kind: "send" }
  | { kind: "skip"; reason: SkipReason }
  /** An earlier send that went unanswered did reach the provider: the item is sent. */
  | { kind: "reconciled"; inviteId: string | null };

/**
 * The skip rule, and the reconcile rule for an item whose earlier send may have reached
 * the provider: never send when the provider already shows the invite or the member.
 */
export function planItem(evidence: Evidence, mayHaveSent: boolean): ItemPlan {
  if (mayHaveSent && evidence.invite) return { kind: "reconciled", inviteId: evidence.invite.id };
  if (evidence.invite) return { kind: "skip", reason: "already_invited" };
  if (evidence.member) return { kind: "skip", reason: "already_member" };
  return { kind: "send" };
}

/** Item states a retry takes up: failed ones, ones never sent, ones left `sending` by a server that is gone. */
export function isRetryable(item: { state: InviteItemState; leaseExpiresAt: Date | null }, now: Date): boolean {
  if (item.state === "failed" || item.state === "queued") return true;
  return item.state === "sending" && (item.leaseExpiresAt === null || item.leaseExpiresAt.getTime() <= now.getTime());
}

/** Whether an earlier attempt at the item may have created the invite. */
export function mayHaveSent(item: { state: InviteItemState; maybeSent: boolean }): boolean {
  return item.state === "sending" || item.maybeSent;
}

export function countStates(items: Array<{ state: InviteItemState }>): Record<InviteItemState, number> {
  const counts = Object.fromEntries(INVITE_ITEM_STATES.map((s) => [s, 0])) as Record<InviteItemState, number>;
  for (const item of items) counts[item.state]++;
  return counts;
}

export const SKIP_MESSAGES: Record<SkipReason, string> = {
  already_member: "already a member",
  already_invited: "already has a pending invite",
};

/**
 * Whether an account on a provider without invite objects (Arthur) is someone who has
 * signed up: Arthur's invitees exist at once, with no name of their own until they do
 * (the adapter shows the email, or the id, in place of a missing name).
 */
export function hasJoined(member: { id: string; name: string; email: string | null }): boolean {
  const name = member.name.trim();
  if (!name || name === member.id) return false;
  return !member.email || normaliseEmail(name) !== normaliseEmail(member.email);
}
