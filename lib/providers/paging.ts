import type { ListOptions } from "./types";

/**
 * Whole-list reads over paged endpoints: the first page says how many items there are,
 * then every other page is read in parallel through a limiter. One limiter can be
 * shared by every read of one operation, so together they stay within one bound.
 */

/** Most requests one adapter keeps in flight at once, unless ROSTER_PAGE_CONCURRENCY says otherwise. */
export const MAX_CONCURRENCY = 8;

/** ROSTER_PAGE_CONCURRENCY (1 to 64; 1 reads page after page, as the benchmark's naive sync does). */
export function pageConcurrency(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.ROSTER_PAGE_CONCURRENCY);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : MAX_CONCURRENCY;
}

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Runs at most `max` tasks at a time. A finished task hands its slot straight to the
 * next waiting one, so a task started in between cannot take it as well.
 */
export function createLimiter(max = pageConcurrency()): Limiter {
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

/** How one provider's list is paged: `A` addresses a page, `P` is its envelope, `T` an item. */
export interface PagedList<A, P, T> {
  first: A;
  /** The addresses of every page after the first, learned from the first. */
  rest: (first: P) => A[];
  fetchPage: (at: A, signal: AbortSignal) => Promise<P>;
  items: (page: P) => T[];
  /** The item count the provider reports for the whole list. */
  total: (page: P) => number;
}

export interface ReadAllOptions extends ListOptions {
  limit: Limiter;
}

/**
 * Every item of the list, in page order. The first failure cancels the pages still
 * queued or in flight. Progress counts items, against the total of the first page
 * (the one the other pages were planned from).
 */
export async function readAllPages<A, P, T>(list: PagedList<A, P, T>, options: ReadAllOptions): Promise<T[]> {
  const { limit, onProgress } = options;
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let fetched = 0;
  let total: number | null = null;
  const load = (at: A) =>
    limit(async () => {
      signal.throwIfAborted();
      const page = await list.fetchPage(at, signal);
      fetched += list.items(page).length;
      total ??= list.total(page);
      onProgress?.({ fetched, total });
      return page;
    });

  const first = await load(list.first);
  const rest = list.rest(first).map((at) =>
    load(at).catch((error: unknown) => {
      stop.abort(error);
      throw error;
    }),
  );
  const pages = await Promise.all(rest);
  return [first, ...pages].flatMap((page) => list.items(page));
}

/** Page numbers after the first of a 1-based list of `totalPages` pages. */
export function laterPageNumbers(totalPages: number): number[] {
  return Array.from({ length: Math.max(0, totalPages - 1) }, (_, i) => i + 2);
}

export interface OffsetWindow {
  offset: number;
  limit: number;
}

/**
 * The windows after a first page that held `firstCount` of `total` items. The step is
 * what the server actually returned, so a server that caps `limit` below what was
 * asked for leaves no gaps.
 */
export function laterOffsets(firstCount: number, total: number): OffsetWindow[] {
  const windows: OffsetWindow[] = [];
  for (let offset = firstCount; firstCount > 0 && offset < total; offset += firstCount) {
    windows.push({ offset, limit: firstCount });
  }
  return windows;
}
