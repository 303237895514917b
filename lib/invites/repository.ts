import { and, count, desc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import { getDb } from "../db";
import {
  type ArthurLedgerRow,
  arthurInviteLedger,
  type InviteRequestItemRow,
  type InviteRequestRow,
  inviteRequestItems,
  inviteRequests,
} from "../db/schema";
import type { ProviderId } from "../providers/types";
import type { PlannedItem } from "./rules";
import type { InviteItemState, InviteRequestStatus } from "./types";

/**
 * Invite requests in the database. Every state change is one conditional UPDATE: a
 * decision only moves a `pending` request, and an item is claimed only from the state
 * (and attempt count) it was seen in, so two servers or a double click cannot both win.
 */

export interface StoredRequest {
  request: InviteRequestRow;
  items: InviteRequestItemRow[];
}

export async function insertRequest(input: {
  id: string;
  requester: { id: string; email: string };
  reason: string;
  createdAt: Date;
  expiresAt: Date;
  items: PlannedItem[];
  /** Direct invites are stored approved by their own requester. */
  approved?: { reason: string };
}): Promise<StoredRequest> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [request] = await tx
      .insert(inviteRequests)
      .values({
        id: input.id,
        requesterId: input.requester.id,
        requesterEmail: input.requester.email,
        reason: input.reason,
        createdAt: input.createdAt,
        expiresAt: input.expiresAt,
        ...(input.approved
          ? {
              status: "approved",
              decidedBy: input.requester.id,
              decidedByEmail: input.requester.email,
              decisionReason: input.approved.reason,
              decidedAt: input.createdAt,
            }
          : {}),
      })
      .returning();
    const items = await tx
      .insert(inviteRequestItems)
      .values(input.items.map((item) => ({ ...item, requestId: request.id, updatedAt: input.createdAt })))
      .returning();
    return { request, items };
  });
}

export async function findRequest(id: string): Promise<StoredRequest | null> {
  const db = await getDb();
  const [request] = await db.select().from(inviteRequests).where(eq(inviteRequests.id, id)).limit(1);
  if (!request) return null;
  const items = await db
    .select()
    .from(inviteRequestItems)
    .where(eq(inviteRequestItems.requestId, id))
    .orderBy(inviteRequestItems.email, inviteRequestItems.provider);
  return { request, items };
}

export async function listRequests(q: {
  statuses?: InviteRequestStatus[];
  requesterId?: string;
  page: number;
  pageSize: number;
}): Promise<{ rows: StoredRequest[]; total: number }> {
  const db = await getDb();
  const where = and(
    q.statuses?.length ? inArray(inviteRequests.status, q.statuses) : undefined,
    q.requesterId ? eq(inviteRequests.requesterId, q.requesterId) : undefined,
  );
  const [requests, [{ total }]] = await Promise.all([
    db
      .select()
      .from(inviteRequests)
      .where(where)
      .orderBy(desc(inviteRequests.createdAt), desc(inviteRequests.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(inviteRequests).where(where),
  ]);
  const ids = requests.map((r) => r.id);
  const items = ids.length
    ? await db
        .select()
        .from(inviteRequestItems)
        .where(inArray(inviteRequestItems.requestId, ids))
        .orderBy(inviteRequestItems.email, inviteRequestItems.provider)
    : [];
  return {
    total: Number(total),
    rows: requests.map((request) => ({ request, items: items.filter((i) => i.requestId === request.id) })),
  };
}

/** Moves a pending, unexpired request to its decision; null when it was not pending (any more). */
export async function decideRequest(
  id: string,
  to: Exclude<InviteRequestStatus, "pending" | "expired">,
  by: { id: string; email: string; reason: string | null },
  now: Date,
): Promise<InviteRequestRow | null> {
  const db = await getDb();
  const [row] = await db
    .update(inviteRequests)
    .set({ status: to, decidedBy: by.id, decidedByEmail: by.email, decisionReason: by.reason, decidedAt: now })
    .where(and(eq(inviteRequests.id, id), eq(inviteRequests.status, "pending"), gt(inviteRequests.expiresAt, now)))
    .returning();
  return row ?? null;
}

/** Pending requests past their expiry become `expired`; returns the ones this call moved. */
export async function expireOverdue(now: Date): Promise<InviteRequestRow[]> {
  const db = await getDb();
  return db
    .update(inviteRequests)
    .set({ status: "expired", decidedAt: now })
    .where(and(eq(inviteRequests.status, "pending"), lte(inviteRequests.expiresAt, now)))
    .returning();
}

/** Claims every queued item of a request for sending: only one caller gets each. */
export async function claimQueued(requestId: string, leaseUntil: Date): Promise<InviteRequestItemRow[]> {
  const db = await getDb();
  return db
    .update(inviteRequestItems)
    .set({ state: "sending", attempts: sql`${inviteRequestItems.attempts} + 1`, leaseExpiresAt: leaseUntil, updatedAt: new Date() })
    .where(and(eq(inviteRequestItems.requestId, requestId), eq(inviteRequestItems.state, "queued")))
    .returning();
}

/** Claims one item as it was seen (same state, same attempt count); null when someone else changed it first. */
export async function claimItem(seen: InviteRequestItemRow, leaseUntil: Date): Promise<InviteRequestItemRow | null> {
  const db = await getDb();
  const [row] = await db
    .update(inviteRequestItems)
    .set({ state: "sending", attempts: seen.attempts + 1, leaseExpiresAt: leaseUntil, updatedAt: new Date() })
    .where(
      and(eq(inviteRequestItems.id, seen.id), eq(inviteRequestItems.state, seen.state), eq(inviteRequestItems.attempts, seen.attempts)),
    )
    .returning();
  return row ?? null;
}

/** Extends the lease of a claim still held, just before its provider call; false when the claim was lost. */
export async function renewClaim(claimed: InviteRequestItemRow, leaseUntil: Date): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .update(inviteRequestItems)
    .set({ leaseExpiresAt: leaseUntil })
    .where(
      and(
        eq(inviteRequestItems.id, claimed.id),
        eq(inviteRequestItems.state, "sending"),
        eq(inviteRequestItems.attempts, claimed.attempts),
      ),
    )
    .returning({ id: inviteRequestItems.id });
  return rows.length > 0;
}

export interface ItemOutcome {
  state: Exclude<InviteItemState, "queued">;
  skipReason?: string | null;
  providerInviteId?: string | null;
  errorStatus?: number | null;
  errorMessage?: string | null;
  maybeSent?: boolean;
  /** Arthur: the ledger entry for an invite Roster sent. */
  ledger?: { provider: ProviderId; roleId: string; roleName: string };
}

function outcomeValues(outcome: ItemOutcome) {
  return {
    state: outcome.state,
    skipReason: outcome.skipReason ?? null,
    providerInviteId: outcome.providerInviteId ?? null,
    errorStatus: outcome.errorStatus ?? null,
    errorMessage: outcome.errorMessage ?? null,
    ...(outcome.maybeSent === undefined ? {} : { maybeSent: outcome.maybeSent }),
    leaseExpiresAt: null,
    updatedAt: new Date(),
  };
}

/**
 * Records what became of a claimed item (and, for a ledger provider, the ledger entry, in
 * the same transaction). Only the holder of the claim writes: a server whose lease ran
 * out and was taken over changes nothing. Returns the ledger id, if one was written.
 */
export async function finishItem(claimed: InviteRequestItemRow, outcome: ItemOutcome): Promise<{ ledgerId: string | null }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(inviteRequestItems)
      .set(outcomeValues(outcome))
      .where(
        and(
          eq(inviteRequestItems.id, claimed.id),
          eq(inviteRequestItems.state, "sending"),
          eq(inviteRequestItems.attempts, claimed.attempts),
        ),
      )
      .returning({ id: inviteRequestItems.id });
    if (!row || !outcome.ledger || outcome.state !== "sent") return { ledgerId: null };
    const [entry] = await tx
      .insert(arthurInviteLedger)
      .values({ ...outcome.ledger, email: claimed.email, requestItemId: claimed.id })
      .onConflictDoNothing()
      .returning({ id: arthurInviteLedger.id });
    return { ledgerId: entry?.id ?? null };
  });
}

/** Ledger entries of a provider, for the given emails (all when omitted). */
export async function ledgerEntries(provider: ProviderId, emails?: string[]): Promise<Array<ArthurLedgerRow & { requestId: string }>> {
  if (emails && emails.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .select({ entry: arthurInviteLedger, requestId: inviteRequestItems.requestId })
    .from(arthurInviteLedger)
    .innerJoin(inviteRequestItems, eq(inviteRequestItems.id, arthurInviteLedger.requestItemId))
    .where(and(eq(arthurInviteLedger.provider, provider), emails ? inArray(arthurInviteLedger.email, emails) : undefined))
    .orderBy(desc(arthurInviteLedger.sentAt));
  return rows.map(({ entry, requestId }) => ({ ...entry, requestId }));
}

/** Request ids by provider invite id, for invites Roster sent. */
export async function requestIdsByInvite(provider: ProviderId, inviteIds: string[]): Promise<Map<string, string>> {
  if (inviteIds.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select({ inviteId: inviteRequestItems.providerInviteId, requestId: inviteRequestItems.requestId })
    .from(inviteRequestItems)
    .where(and(eq(inviteRequestItems.provider, provider), inArray(inviteRequestItems.providerInviteId, inviteIds)));
  return new Map(rows.map((r) => [r.inviteId!, r.requestId]));
}
