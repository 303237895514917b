import { randomUUID } from "node:crypto";
import { isApiError } from "../api/errors";
import type { ChangeContext } from "../audit/change";
import { revokeInvite } from "../changes/invites";
import { changeRole, removeMember } from "../changes/members";
import { offboard, REMOVED_EARLIER } from "../changes/offboard";
import { ApiError } from "../api/errors";
import { log } from "../log";
import { notify } from "../notify";
import { isProviderError } from "../providers/errors";
import { isDraining, trackChange } from "../shutdown";
import {
  claimNext,
  type ClaimedItem,
  findRun,
  nextLeaseEnd,
  finishItem,
  finishRunIfDone,
  insertRun,
  type ItemOutcome,
  requeueFailed,
  runView,
  unfinishedRunIds,
} from "./bulk-store";
import type { BulkChange, BulkRunView } from "./bulk-types";
import { checkMassChange, counted, type MassChangeHeld } from "../changes/mass-change";
import { type ApprovalRequiredResponse, isApprovalRequired, type MassChangeItem } from "../invites/types";
import { PROVIDER_IDS } from "../providers/types";
import { defineQueue, jobs } from "./engine";

/**
 * Bulk changes on the server: `startBulk` stores the items and queues one job; whichever
 * server takes the job runs the items a few at a time (as the browser once did), each as
 * the operator who started it, audited one by one like a single change. Closing the tab
 * changes nothing; a server that stops leaves its items to the next worker (lib/jobs/bulk-store.ts).
 */

export const BULK_QUEUE = "bulk";

/** Changes of one run under way at once: a big bulk does not flood a provider. */
export const BULK_CONCURRENCY = 4;

/** How long a claimed item may stay `running` before another worker takes it as abandoned. */
const ITEM_LEASE_MS = 60_000;

function itemLeaseMs(): number {
  const raw = Number(process.env.ROSTER_JOB_LEASE_SECONDS);
  return Number.isInteger(raw) && raw > 0 ? raw * 1_000 : ITEM_LEASE_MS;
}

/** A change that opened a change request instead of running (an admin-level grant): done here, the request says the rest. */
const held = (result: ApprovalRequiredResponse): ItemOutcome => ({
  state: "succeeded",
  note: `Waits for a second admin's approval (request ${result.request.id})`,
});

async function perform(ctx: ChangeContext, change: BulkChange, mayHaveRun: boolean): Promise<ItemOutcome> {
  switch (change.kind) {
    case "change_role": {
      const { kind: _kind, ...input } = change;
      const result = await changeRole(ctx, input);
      return isApprovalRequired(result) ? held(result) : { state: "succeeded", auditId: result.auditId };
    }
    case "remove_member": {
      const { kind: _kind, ...input } = change;
      const result = await removeMember(ctx, input);
      return isApprovalRequired(result) ? held(result) : { state: "succeeded", auditId: result.auditId };
    }
    case "revoke_invite": {
      const result = await revokeInvite(ctx, { provider: change.provider, inviteId: change.inviteId });
      return isApprovalRequired(result) ? held(result) : { state: "succeeded", auditId: result.auditId };
    }
    case "offboard": {
      const result = await offboard(ctx, {
        email: change.email,
        providers: change.providers,
        confirmSelf: change.confirmSelf,
        resumed: mayHaveRun,
      });
      if (isApprovalRequired(result)) return held(result);
      const failed = result.steps.filter((s) => !s.ok);
      if (!failed.length) {
        const earlier = result.steps.filter((s) => s.warnings.includes(REMOVED_EARLIER)).length;
        const note =
          !mayHaveRun || (earlier === 0 && result.steps.length > 0)
            ? null
            : earlier === result.steps.length
              ? "Done by an earlier attempt, cut off by a stopping server"
              : "Partly done by an earlier attempt, cut off by a stopping server";
        return { state: "succeeded", note };
      }
      const message = failed.map((s) => `${s.provider}: ${s.error?.message ?? "failed"}`).join("; ");
      return {
        state: "failed",
        error: {
          status: null,
          code: "offboard_incomplete",
          message: `${failed.length} of ${result.steps.length} steps failed (${message})`,
        },
      };
    }
  }
}

function errorOf(error: unknown): { status: number | null; code: string; message: string } {
  if (isApiError(error)) return { status: error.status, code: error.code, message: error.message };
  if (isProviderError(error)) return { status: error.status, code: "provider_error", message: error.message };
  return { status: null, code: "failed", message: error instanceof Error ? error.message : String(error) };
}

/** An earlier attempt of a removal or revoke that reached the provider leaves nothing to find: it is done, not failed. */
function doneEarlier(claimed: ClaimedItem, error: unknown): boolean {
  return (
    claimed.mayHaveRun &&
    claimed.item.change !== null &&
    (claimed.item.change as BulkChange).kind !== "change_role" &&
    isApiError(error) &&
    error.status === 404
  );
}

async function runItem(ctx: ChangeContext, claimed: ClaimedItem): Promise<void> {
  const change = claimed.item.change as BulkChange;
  let outcome: ItemOutcome;
  try {
    outcome = await trackChange(() => perform(ctx, change, claimed.mayHaveRun));
  } catch (error) {
    outcome = doneEarlier(claimed, error)
      ? { state: "succeeded", note: "Already done: an earlier attempt, cut off by a stopping server, made the change" }
      : { state: "failed", error: errorOf(error) };
  }
  await finishItem(claimed.item, outcome);
}

/** Works a run's items until none is left, `BULK_CONCURRENCY` at a time. */
export async function workRun(runId: string): Promise<void> {
  const run = await findRun(runId);
  if (!run || run.finishedAt) return;
  // The mass-change guard counted the whole bulk when it started (startBulk): its items are not counted again.
  const ctx: ChangeContext = counted({ operator: run.operator, requestId: run.requestId });
  const worker = async () => {
    for (;;) {
      // A stopping server takes no new item; the job is retried where the engine runs next.
      if (isDraining()) throw new ApiError("shutting_down", "Roster is stopping: the rest of this bulk runs after it");
      const claimed = await claimNext(runId, new Date(Date.now() + itemLeaseMs()));
      if (!claimed) return;
      await runItem(ctx, claimed);
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: BULK_CONCURRENCY }, worker));
  const stopped = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (stopped) throw stopped.reason;
  if (await finishRunIfDone(runId)) {
    log.info({ runId }, "bulk run finished");
    await notify({ kind: "bulk_failed", runId });
    return;
  }
  // Items still held by another worker, or by one that died: look again once their lease ends.
  const leaseEnd = await nextLeaseEnd(runId);
  if (leaseEnd) await queueRun(runId, Math.max(1, Math.ceil((leaseEnd.getTime() - Date.now()) / 1_000) + 1));
}

/** Queues a job for the run (several for one run are harmless: items are claimed one by one). */
async function queueRun(runId: string, startAfterSeconds?: number): Promise<void> {
  await (await jobs()).send(BULK_QUEUE, { runId }, startAfterSeconds ? { startAfter: startAfterSeconds } : {});
}

/** Where a bulk starts: stores its items, queues its job, and answers at once with the run. */
/**
 * A bulk item as the mass-change guard counts it. An offboard is counted as every provider it
 * may touch (its named providers, or all): the guard errs on the side of asking, without reading
 * each person before the bulk starts.
 */
function massChangeItemOf(change: BulkChange): MassChangeItem {
  switch (change.kind) {
    case "change_role":
      return {
        action: "change_role",
        provider: change.provider,
        memberId: change.memberId,
        role: change.role,
        workspaceId: change.workspaceId ?? null,
      };
    case "remove_member":
      return { action: "remove_member", provider: change.provider, memberId: change.memberId, workspaceId: change.workspaceId ?? null };
    case "revoke_invite":
      return { action: "revoke_invite", provider: change.provider, inviteId: change.inviteId };
    case "offboard":
      return {
        action: "offboard",
        email: change.email,
        providers: change.providers ?? null,
        memberships: change.providers?.length ?? PROVIDER_IDS.length,
      };
  }
}

/**
 * Starts a bulk: the mass-change guard first, for the whole bulk at once (over the threshold it
 * opens one change request holding every item, and nothing runs until a second admin approves),
 * then the run is stored and queued.
 */
export async function startBulk(ctx: ChangeContext, items: readonly BulkChange[]): Promise<{ run: BulkRunView } | MassChangeHeld> {
  const heldFor = await checkMassChange(ctx, items.map(massChangeItemOf));
  if (heldFor) return heldFor;
  const run = await insertRun({ id: randomUUID(), operator: ctx.operator, requestId: ctx.requestId, items });
  await queueRun(run.id);
  return { run: await runView(run) };
}

/** "Retry failed items only": the failed items go back to the queue; the others stay as they ended. */
export async function retryFailed(runId: string): Promise<{ retried: number; run: BulkRunView }> {
  const run = await findRun(runId);
  if (!run) throw new ApiError("not_found", `No bulk run ${runId}`);
  const retried = await requeueFailed(runId);
  if (retried) await queueRun(runId);
  return { retried, run: await runView((await findRun(runId))!) };
}

export async function bulkRun(runId: string): Promise<BulkRunView> {
  const run = await findRun(runId);
  if (!run) throw new ApiError("not_found", `No bulk run ${runId}`);
  return runView(run);
}

/** Queues again every run not finished (a server that stopped may have held it). */
export async function resumeUnfinishedRuns(): Promise<number> {
  const ids = await unfinishedRunIds();
  for (const id of ids) await queueRun(id);
  return ids.length;
}

export function defineBulkQueue(): void {
  defineQueue({
    name: BULK_QUEUE,
    concurrency: 2,
    retryLimit: 20,
    retryDelay: 2,
    expireInSeconds: 60 * 60,
    handler: async ([job]) => workRun((job.data as { runId: string }).runId),
  });
}
