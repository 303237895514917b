"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { BulkChange, BulkItemView, BulkRunView } from "@/lib/jobs/bulk-types";
import type { InviteRequestDetail } from "@/lib/invites/types";
import { bulkRunQueryOptions, retryBulkRun, startBulkRun } from "@/lib/queries/bulk";
import { invalidateAfterChange } from "@/lib/queries/change-mutation";
import { jobsKeys } from "@/lib/queries/keys";
import type { BulkItem } from "./bulk-plan";

/** How one item of a run ended, as the server says (the item's `state`, note and error). */
export type BulkOutcome = Pick<BulkItemView, "state" | "note" | "error">;

/** A bulk run's progress: how many of its items have ended. */
export interface BulkProgressState {
  running: boolean;
  done: number;
  total: number;
}

function progressOf(run: BulkRunView | undefined): BulkProgressState {
  if (!run) return { running: false, done: 0, total: 0 };
  return { running: run.finishedAt === null, done: run.counts.succeeded + run.counts.failed, total: run.total };
}

/**
 * A bulk change run by the server (`POST /api/bulk`): the items go as one run, the job engine
 * works them whether or not this tab stays open (the Jobs page shows the run again), and the
 * dialog follows `GET /api/bulk/{id}`. "Retry failed" puts the failed items back in the run.
 * Past the mass-change threshold the server runs nothing and answers with the change request
 * it opened (`held`).
 */
export function useBulkChange() {
  const queryClient = useQueryClient();
  const [runId, setRunId] = useState<string | null>(null);
  const [items, setItems] = useState<readonly BulkItem[]>([]);
  const [held, setHeld] = useState<{ request: InviteRequestDetail; note: string } | null>(null);
  const run = useQuery({ ...bulkRunQueryOptions(runId ?? ""), enabled: runId !== null });
  const start = useMutation({
    mutationFn: (changes: readonly BulkChange[]) => startBulkRun(changes),
    onSuccess: (answer) => {
      if ("run" in answer) {
        queryClient.setQueryData(jobsKeys.bulkRun(answer.run.id), answer.run);
        setRunId(answer.run.id);
      } else setHeld({ request: answer.request, note: answer.massChange.note });
      void queryClient.invalidateQueries({ queryKey: jobsKeys.all });
    },
  });
  const retry = useMutation({
    mutationFn: (id: string) => retryBulkRun(id),
    onSuccess: (answer) => queryClient.setQueryData(jobsKeys.bulkRun(answer.run.id), answer.run),
  });

  // The directory and the rest are read again once, when the run finishes.
  const finishedAt = run.data?.finishedAt ?? null;
  const seenFinish = useRef<string | null>(null);
  useEffect(() => {
    if (!finishedAt || seenFinish.current === finishedAt) return;
    seenFinish.current = finishedAt;
    void invalidateAfterChange(queryClient);
  }, [finishedAt, queryClient]);

  /** Starts the run: `toChange` says what each planned item asks of the server (in the items' order). */
  function runItems(planned: readonly BulkItem[], toChange: (item: BulkItem) => BulkChange) {
    setItems(planned);
    start.mutate(planned.map(toChange));
  }

  // Outcomes by the planned item's key: the run keeps the items' order (position).
  const outcomes = new Map<string, BulkOutcome>();
  const pending = new Set<string>();
  for (const view of run.data?.items ?? []) {
    const item = items[view.position];
    if (!item) continue;
    if (view.state === "succeeded" || view.state === "failed") outcomes.set(item.key, view);
    else pending.add(item.key);
  }
  const progress = progressOf(run.data);
  const running = start.isPending || retry.isPending || progress.running;
  const started = runId !== null || held !== null || start.isPending;
  const failed = run.data?.counts.failed ?? 0;
  return {
    items,
    runId,
    progress,
    outcomes,
    pending: start.isPending ? new Set(items.map((item) => item.key)) : pending,
    runItems,
    running,
    /** Waiting for the server to take the run (or the retry): the dialog stays open meanwhile. */
    busy: start.isPending || retry.isPending,
    started,
    held,
    /** Why the run could not start or be followed (the start refused, or the run unreadable). */
    error: start.error ?? run.error ?? retry.error ?? null,
    failed,
    retryFailed: () => (runId ? retry.mutate(runId) : undefined),
  };
}

export type BulkChangeState = ReturnType<typeof useBulkChange>;
