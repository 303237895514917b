"use client";

import { useState } from "react";
import { useBulkRun } from "@/lib/queries/bulk";
import type { BulkItem } from "./bulk-plan";

export type BulkOutcome<R> = PromiseSettledResult<R>;

/**
 * A bulk run over planned items that remembers each item's outcome, so "Retry failed"
 * runs only the failed ones and their results update in place.
 */
export function useBulkChange<R>() {
  const bulk = useBulkRun<BulkItem, R>();
  const [outcomes, setOutcomes] = useState<ReadonlyMap<string, BulkOutcome<R>>>(new Map());
  /** Items of the run in progress (their old outcome, if any, is stale). */
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());

  async function runItems(items: readonly BulkItem[], run: (item: BulkItem) => Promise<R>) {
    setPending(new Set(items.map((item) => item.key)));
    const results = await bulk.start(items, run);
    setPending(new Set());
    setOutcomes((previous) => {
      const next = new Map(previous);
      items.forEach((item, index) => next.set(item.key, results[index]));
      return next;
    });
  }

  const running = bulk.state.status === "running";
  const started = running || outcomes.size > 0;
  const failedOf = (items: readonly BulkItem[]) => items.filter((item) => outcomes.get(item.key)?.status === "rejected");
  return { progress: bulk.state, outcomes, pending, runItems, running, started, failedOf };
}
