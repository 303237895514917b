/**
 * Offset pagination (`offset`/`limit`/`totalCount`): read the first page, then every
 * other page in parallel through a shared limiter, so all reads of one operation
 * stay within one concurrency bound.
 */

export const MAX_CONCURRENCY = 8;

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(max = MAX_CONCURRENCY): Limiter {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return async (task) => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

export interface OffsetPage<T> {
  items: T[];
  totalCount: number;
}

export interface FetchAllOptions<T> {
  pageSize: number;
  limit: Limiter;
  fetchPage: (offset: number, limit: number, signal: AbortSignal) => Promise<OffsetPage<T>>;
  signal?: AbortSignal;
  onProgress?: (fetched: number, total: number) => void;
}

/** Every item across every page, in offset order. */
export async function fetchAllOffsetPages<T>(options: FetchAllOptions<T>): Promise<T[]> {
  const { pageSize, limit, fetchPage, onProgress } = options;
  // One failed page cancels the pages still queued or in flight.
  const local = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, local.signal]) : local.signal;
  const first = await limit(() => fetchPage(0, pageSize, signal));
  let fetched = first.items.length;
  onProgress?.(fetched, first.totalCount);

  // The step is what the server actually returned, in case it caps `limit` below what we asked for.
  const step = first.items.length;
  const offsets: number[] = [];
  for (let offset = step; step > 0 && offset < first.totalCount; offset += step) offsets.push(offset);

  const rest = offsets.map((offset) =>
    limit(async () => {
      signal.throwIfAborted();
      const page = await fetchPage(offset, step, signal);
      fetched += page.items.length;
      onProgress?.(fetched, first.totalCount);
      return page.items;
    }).catch((error: unknown) => {
      local.abort(error);
      throw error;
    }),
  );
  const pages = await Promise.all(rest);
  return first.items.concat(...pages);
}
