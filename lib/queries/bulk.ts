import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { invalidateAfterChange } from "./change-mutation";

/** Changes run at most this many at a time, so a big selection does not flood a provider. */
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

export type BulkRunState<R> =
  | { status: "idle" }
  | { status: "running"; done: number; total: number }
  | { status: "done"; total: number; results: Array<PromiseSettledResult<R>> };

/**
 * A bulk change: every item settles on its own, with progress, and the changed queries
 * are invalidated once at the end rather than per item.
 */
export function useBulkRun<T, R>() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<BulkRunState<R>>({ status: "idle" });

  const start = useCallback(
    async (items: readonly T[], run: (item: T) => Promise<R>) => {
      setState({ status: "running", done: 0, total: items.length });
      const results = await settleBounded(items, BULK_CONCURRENCY, run, (done) =>
        setState({ status: "running", done, total: items.length }),
      );
      await invalidateAfterChange(queryClient);
      setState({ status: "done", total: items.length, results });
      return results;
    },
    [queryClient],
  );

  const reset = useCallback(() => setState({ status: "idle" }), []);
  return { state, start, reset };
}
