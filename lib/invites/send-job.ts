import { and, eq, inArray, sql } from "drizzle-orm";
import type { ChangeContext } from "../audit/change";
import { getDb } from "../db";
import { type InviteRequestRow, inviteRequestItems, inviteRequests } from "../db/schema";
import { defineQueue, jobs } from "../jobs/engine";
import { log } from "../log";
import { findRequest } from "./repository";
import { sendAbandoned, sendQueued } from "./sending";

/**
 * Sending an approved request's invites as a job: the approval answers 202 at once and
 * whichever server takes the job sends them (lib/invites/sending.ts). The claim on each item
 * is what keeps a send single, not the job: a job run twice (a retry, a resume at start beside
 * a late job, two servers) claims nothing twice. Items a killed server left `sending` are taken
 * up once their lease is over, through the reconcile rule (the provider is read before any
 * send), and never sent blindly.
 */

export const INVITE_SENDING_QUEUE = "invite-sending";

interface SendingJob {
  inviteRequestId: string;
  /** The approving HTTP request's id, for the audit rows. */
  requestId: string;
}

/** The approver, as the audit log names them, from the decided request. */
function approverOf(request: InviteRequestRow): ChangeContext["operator"] {
  const email = request.decidedByEmail ?? "roster";
  return { id: request.decidedBy ?? request.requesterId, email, name: email, role: "admin" };
}

/** When the last lease of the request's items still `sending` ends (null: none is). */
async function sendingLeaseEnd(inviteRequestId: string): Promise<Date | null> {
  const db = await getDb();
  const [row] = await db
    .select({ end: sql<string | null>`max(${inviteRequestItems.leaseExpiresAt})` })
    .from(inviteRequestItems)
    .where(and(eq(inviteRequestItems.requestId, inviteRequestId), eq(inviteRequestItems.state, "sending")));
  return row?.end ? new Date(row.end) : null;
}

/** Sends what the request still has to send; looks again once the leases of items held elsewhere end. */
export async function workSending(job: SendingJob): Promise<void> {
  const stored = await findRequest(job.inviteRequestId);
  if (!stored || stored.request.status !== "approved" || stored.request.kind !== "invite") return;
  const ctx: ChangeContext = { operator: approverOf(stored.request), requestId: job.requestId };
  await sendQueued(ctx, job.inviteRequestId);
  await sendAbandoned(ctx, job.inviteRequestId, (await findRequest(job.inviteRequestId))!.items);
  const leaseEnd = await sendingLeaseEnd(job.inviteRequestId);
  if (leaseEnd) await queueSending(job, Math.max(1, Math.ceil((leaseEnd.getTime() - Date.now()) / 1_000) + 1));
}

/** Queues the sending of an approved request (several jobs for one request are harmless). */
export async function queueSending(job: SendingJob, startAfterSeconds?: number): Promise<void> {
  await (await jobs()).send(INVITE_SENDING_QUEUE, job, startAfterSeconds ? { startAfter: startAfterSeconds } : {});
}

/** Approved invite requests with items not yet ended (a server that stopped held them): queued again at start. */
export async function resumeUnfinishedSending(): Promise<number> {
  const db = await getDb();
  const rows = await db
    .selectDistinct({ id: inviteRequestItems.requestId })
    .from(inviteRequestItems)
    .innerJoin(inviteRequests, eq(inviteRequests.id, inviteRequestItems.requestId))
    .where(
      and(
        eq(inviteRequests.status, "approved"),
        eq(inviteRequests.kind, "invite"),
        inArray(inviteRequestItems.state, ["queued", "sending"]),
      ),
    );
  for (const { id } of rows) await queueSending({ inviteRequestId: id, requestId: `resume:${id}` });
  if (rows.length) log.info({ requests: rows.length }, "resuming invite sendings a stopped server left unfinished");
  return rows.length;
}

export function defineSendingQueue(): void {
  defineQueue({
    name: INVITE_SENDING_QUEUE,
    concurrency: 2,
    retryLimit: 10,
    retryDelay: 2,
    expireInSeconds: 60 * 60,
    handler: async ([job]) => workSending(job.data as SendingJob),
  });
}
