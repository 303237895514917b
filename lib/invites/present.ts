import type { InviteRequestItemRow, InviteRequestRow } from "../db/schema";
import type { ProviderId } from "../providers/types";
import { countStates } from "./rules";
import type { ChangeOutcome, InviteItem, InviteRequest, InviteRequestDetail, RequestedChange, SkipReason } from "./types";

/** Database rows as the API answers them. */

export function toItem(row: InviteRequestItemRow): InviteItem {
  return {
    id: row.id,
    email: row.email,
    provider: row.provider,
    role: row.roleName,
    roleId: row.roleId,
    ...(row.projects ? { projects: row.projects } : {}),
    state: row.state,
    skipReason: (row.skipReason as SkipReason | null) ?? null,
    providerInviteId: row.providerInviteId,
    error: row.errorMessage ? { status: row.errorStatus, message: row.errorMessage } : null,
    attempts: row.attempts,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toRequest(row: InviteRequestRow, items: InviteRequestItemRow[]): InviteRequest {
  const providers = new Map<ProviderId, InviteRequest["providers"][number]>();
  for (const item of items) {
    if (!providers.has(item.provider))
      providers.set(item.provider, { provider: item.provider, role: item.roleName, ...(item.projects ? { projects: item.projects } : {}) });
  }
  return {
    id: row.id,
    requester: { id: row.requesterId, email: row.requesterEmail },
    reason: row.reason,
    status: row.status,
    decidedBy: row.decidedBy ? { id: row.decidedBy, email: row.decidedByEmail } : null,
    decisionReason: row.decisionReason,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
    emails: [...new Set(items.map((i) => i.email))],
    providers: [...providers.values()],
    counts: countStates(items),
    ...changeOf(row),
  };
}

/** A change request's change and, once approved, what became of it (`queued` until someone performs it). */
function changeOf(row: InviteRequestRow): Pick<InviteRequest, "kind" | "change" | "outcome"> {
  if (row.kind === "invite" || !row.change) return { kind: row.kind, change: null, outcome: null };
  const outcome = row.status !== "approved" ? null : ((row.changeResult as ChangeOutcome | null) ?? { state: row.changeState ?? "queued" });
  return { kind: row.kind, change: row.change as RequestedChange, outcome };
}

export function toDetail(row: InviteRequestRow, items: InviteRequestItemRow[]): InviteRequestDetail {
  return { ...toRequest(row, items), items: items.map(toItem) };
}
