import { laterOffsets, type Limiter, type OffsetWindow, readAllPages } from "../paging";
import type { ListOptions } from "../types";
import { type ItemReader, type Lenient, readItems } from "./tolerant";

/**
 * Complete and stable reading of one offset-paged Astro list. The pages after the first
 * are read in parallel, so the client asks for a deterministic order (`sorts`); an id seen
 * twice is kept once and noted; when fewer distinct items arrive than the list's
 * `totalCount`, the list is read once more and the two reads are joined; a shortfall left
 * after that is reported as a missing part ("users: read 9,998 of 10,000").
 */

export interface RawPage {
  totalCount: number;
  items: readonly unknown[];
}

export interface OffsetList<T> {
  /** What this list is, for people (`users`, `workspace Analytics (cl…)`). */
  part: string;
  reader: ItemReader<T>;
  pageSize: number;
  fetchPage: (window: OffsetWindow, signal: AbortSignal) => Promise<RawPage>;
}

export interface ReadContext extends Pick<ListOptions, "signal" | "report"> {
  limit: Limiter;
  onProgress?: ListOptions["onProgress"];
}

const count = (n: number) => n.toLocaleString("en-US");

async function readOnce<T>(list: OffsetList<T>, ctx: ReadContext): Promise<{ total: number; raw: unknown[] }> {
  let total = 0;
  const raw = await readAllPages<OffsetWindow, RawPage, unknown>(
    {
      first: { offset: 0, limit: list.pageSize },
      rest: (first) => laterOffsets(first.items.length, first.totalCount),
      fetchPage: list.fetchPage,
      items: (page) => [...page.items],
      total: (page) => (total = page.totalCount),
    },
    { limit: ctx.limit, signal: ctx.signal, onProgress: ctx.onProgress },
  );
  return { total, raw };
}

export async function readList<T>(list: OffsetList<T>, ctx: ReadContext): Promise<Array<Lenient<T>>> {
  const byId = new Map<string, unknown>();
  const withoutId: unknown[] = [];
  const first = await readOnce(list, ctx);
  for (const item of first.raw) {
    const id = list.reader.id(item);
    if (!id) withoutId.push(item);
    else if (byId.has(id)) ctx.report?.deviation(`${list.reader.kind} duplicate`, id);
    else byId.set(id, item);
  }
  const read = () => byId.size + withoutId.length;
  if (read() < first.total) {
    const again = await readOnce(list, ctx);
    for (const item of again.raw) {
      const id = list.reader.id(item);
      if (id && !byId.has(id)) byId.set(id, item);
    }
  }
  if (read() < first.total) {
    ctx.report?.missingPart({
      part: list.part,
      reason: `read ${count(read())} of ${count(first.total)} (the list changed while it was read, or the total is wrong)`,
      status: null,
    });
  }
  return readItems(list.reader, [...byId.values(), ...withoutId], ctx.report);
}
