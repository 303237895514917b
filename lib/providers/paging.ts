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
  /** The page's items as read (called once per page; items that could not be kept are left out). */
  items: (page: P) => T[];
  /** How many items the page held as sent, kept or not (default: the items read). */
  sent?: (page: P) => number;
  /** The item count the provider reports for the whole list. */
  total: (page: P) => number;
}

export interface ReadAllOptions extends ListOptions {
  limit: Limiter;
}

/** One whole read of a paged list: the items in page order, what the pages held as sent, and the first page's total. */
interface Pass<T> {
  items: T[];
  sent: number;
  total: number;
}

async function readPass<A, P, T>(list: PagedList<A, P, T>, options: ReadAllOptions): Promise<Pass<T>> {
  const { limit, onProgress } = options;
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let fetched = 0;
  let sent = 0;
  let total: number | null = null;
  const load = (at: A) =>
    limit(async () => {
      signal.throwIfAborted();
      const page = await list.fetchPage(at, signal);
      const items = list.items(page);
      fetched += items.length;
      sent += list.sent ? list.sent(page) : items.length;
      total ??= list.total(page);
      onProgress?.({ fetched, total });
      return { page, items };
    });

  const first = await load(list.first);
  const rest = list.rest(first.page).map((at) =>
    load(at).catch((error: unknown) => {
      stop.abort(error);
      throw error;
    }),
  );
  const pages = await Promise.all(rest);
  return { items: [first, ...pages].flatMap((p) => p.items), sent, total: total ?? 0 };
}

/**
 * Every item of the list, in page order. The first failure cancels the pages still
 * queued or in flight. Progress counts items, against the total of the first page
 * (the one the other pages were planned from).
 */
export async function readAllPages<A, P, T>(list: PagedList<A, P, T>, options: ReadAllOptions): Promise<T[]> {
  return (await readPass(list, options)).items;
}

export interface CompleteReadOptions<T> extends ReadAllOptions {
  idOf: (item: T) => string;
  /** The item's name in the read report (`user`: `user duplicate`). */
  item: string;
  /** The list's name for people, when it comes up short (`users`: "users: read 9,998 of 10,000"). */
  part: string;
}

const count = (n: number) => n.toLocaleString("en-US");

/**
 * A complete and stable read of a paged list read in parallel (ask the provider for a
 * deterministic sort where it has one: the pages are read at different moments). Items
 * listed twice (the list shifted between two page reads) are kept once and noted as
 * `<item> duplicate`. What was read is compared with the provider's total: a shortfall
 * reads the whole list once more and keeps every item either read saw (the second
 * read's copy wins); still short, the list is noted in the report as a missing part
 * ("read 9,998 of 10,000"). Items the pages held but that could not be kept (no id)
 * count as read: they are noted where they were dropped.
 */
export async function readCompleteList<A, P, T>(list: PagedList<A, P, T>, options: CompleteReadOptions<T>): Promise<T[]> {
  const { idOf, report } = options;
  const unique = (pass: Pass<T>, note: boolean) => {
    const byId = new Map<string, T>();
    for (const item of pass.items) {
      const id = idOf(item);
      if (!byId.has(id)) byId.set(id, item);
      else if (note) report?.deviation(`${options.item} duplicate`, id);
    }
    return byId;
  };
  const short = (pass: Pass<T>, kept: number) => kept + (pass.sent - pass.items.length) < pass.total;

  const first = await readPass(list, options);
  const byId = unique(first, true);
  if (!short(first, byId.size)) return [...byId.values()];

  const second = await readPass(list, { ...options, onProgress: undefined });
  for (const [id, item] of unique(second, false)) byId.set(id, item);
  const read = byId.size + (second.sent - second.items.length);
  if (read < second.total) {
    report?.missingPart({ part: options.part, reason: `read ${count(read)} of ${count(second.total)}`, status: null });
  }
  return [...byId.values()];
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
