import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "../db";
import { type InviteRequestRow, inviteRequests } from "../db/schema";
import type { ChangeOutcome, RequestedChange } from "./types";

/**
 * Change requests in the database: the same table as invite requests (one kind per row,
 * no items). An approved change is performed by whoever claims it: a conditional UPDATE
 * from `queued` (or from nothing, as the approval left it), so a double click, a second
 * approval or a second server performs it once.
 */

export async function insertChangeRequest(input: {
  id: string;
  requester: { id: string; email: string };
  reason: string;
  createdAt: Date;
  expiresAt: Date;
  change: RequestedChange;
}): Promise<InviteRequestRow> {
  const db = await getDb();
  const [row] = await db
    .insert(inviteRequests)
    .values({
      id: input.id,
      requesterId: input.requester.id,
      requesterEmail: input.requester.email,
      reason: input.reason,
      createdAt: input.createdAt,
      expiresAt: input.expiresAt,
      kind: input.change.kind,
      change: input.change,
    })
    .returning();
  return row;
}

/** Claims an approved change for performing; null when it was claimed before (or is not approved). */
export async function claimChange(id: string): Promise<InviteRequestRow | null> {
  const db = await getDb();
  const [row] = await db
    .update(inviteRequests)
    .set({ changeState: "performing" })
    .where(and(eq(inviteRequests.id, id), eq(inviteRequests.status, "approved"), isNull(inviteRequests.changeState)))
    .returning();
  return row ?? null;
}

/** Records what the claimed change did. */
export async function finishChange(id: string, outcome: ChangeOutcome): Promise<void> {
  const db = await getDb();
  await db
    .update(inviteRequests)
    .set({ changeState: outcome.state, changeResult: outcome })
    .where(and(eq(inviteRequests.id, id), eq(inviteRequests.changeState, "performing")));
}
