import type { ResourceList } from "./schemas";
import { MAX_PAGE_SIZE } from "./schemas";

/** Most requests one adapter keeps in flight at once. */
export const MAX_CONCURRENCY = 8;

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** Runs at most `max` tasks at a time; a finished task hands its slot straight to the next. */
export function createLimiter(max: number): Limiter {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (active < max) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

export type PageFetcher<T> = (page: number, pageSize: number, signal: AbortSignal) => Promise<ResourceList<T>>;

export interface FetchAllOptions {
  limit: Limiter;
  signal?: AbortSignal;
  /** Called after every page with the records fetched so far and the total Arthur reported. */
  onProgress?: (fetched: number, total: number) => void;
}

/**
 * Every record of an Arthur page-numbered list. Page 1 comes first because it carries
 * `total_pages`; the other pages are then fetched in parallel through the limiter.
 * The first failure cancels the pages still queued or in flight.
 */
export async function fetchAllPages<T>(fetchPage: PageFetcher<T>, options: FetchAllOptions): Promise<T[]> {
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let fetched = 0;
  const load = (page: number) =>
    options.limit(async () => {
      signal.throwIfAborted();
      const result = await fetchPage(page, MAX_PAGE_SIZE, signal);
      fetched += result.records.length;
      options.onProgress?.(fetched, result.pagination.total_records);
      return result;
    });

  const first = await load(1);
  const rest = Array.from({ length: Math.max(0, first.pagination.total_pages - 1) }, (_, i) =>
    load(i + 2).catch((error: unknown) => {
      stop.abort(error);
      throw error;
    }),
  );
  const pages = await Promise.all(rest);
  return [first, ...pages].flatMap((page) => page.records);
}

/** Page lists can shift while they are read in parallel; keep the first copy of each id. */
export function uniqueById<T extends { id: string }>(records: T[]): T[] {
  const seen = new Map<string, T>();
  for (const record of records) if (!seen.has(record.id)) seen.set(record.id, record);
  return [...seen.values()];
}
