import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/fetcher";
import type { BulkChange, BulkRunView } from "@/lib/jobs/bulk-types";
import type { ApprovalRequiredResponse } from "@/lib/invites/types";
import { jobsKeys } from "./keys";

/** Calls the browser makes at most at once (the invite dialog's checks), so a big list does not flood Roster. */
export const BULK_CONCURRENCY = 4;

/**
 * Runs `run` over every item, at most `limit` at once, and settles each one
 * (`Promise.allSettled`): one failure never stops the others. Results keep the items' order.
 */
export async function settleBounded<T, R>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<R>,
  onSettled?: (done: number) => void,
): Promise<Array<PromiseSettledResult<R>>> {
  const results = new Array<PromiseSettledResult<R>>(items.length);
  let next = 0;
  let done = 0;
  async function worker() {
    while (next < items.length) {
      const index = next++;
      const [settled] = await Promise.allSettled([run(items[index])]);
      results[index] = settled;
      done += 1;
      onSettled?.(done);
    }
  }
  await Promise.allSettled(Array.from({ length: Math.max(0, Math.min(limit, items.length)) }, worker));
  return results;
}

/** What `POST /api/bulk` answers: the run under way, or, past the mass-change threshold, the change request it opened. */
export type BulkStarted = { run: BulkRunView } | (ApprovalRequiredResponse & { massChange: { note: string } });

/** Starts a bulk change on the server: the job engine runs it, whether or not this tab stays open. */
export function startBulkRun(items: readonly BulkChange[]): Promise<BulkStarted> {
  return apiFetch<BulkStarted>("/api/bulk", { method: "POST", json: { items } });
}

/** Puts the failed items of a run back in the queue (only those). */
export function retryBulkRun(id: string): Promise<{ retried: number; run: BulkRunView }> {
  return apiFetch<{ retried: number; run: BulkRunView }>(`/api/bulk/${encodeURIComponent(id)}/retry`, { method: "POST" });
}

export function fetchBulkRun(id: string, signal?: AbortSignal): Promise<BulkRunView> {
  return apiFetch<{ run: BulkRunView }>(`/api/bulk/${encodeURIComponent(id)}`, { signal }).then((body) => body.run);
}

/** A bulk run's progress, read again every second while it is not finished. */
export function bulkRunQueryOptions(id: string) {
  return queryOptions({
    queryKey: jobsKeys.bulkRun(id),
    queryFn: ({ signal }) => fetchBulkRun(id, signal),
    refetchInterval: (q) => (q.state.data && q.state.data.finishedAt === null ? 1_000 : false),
  });
}
