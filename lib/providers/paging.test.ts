import { describe, expect, it } from "vitest";
import { type OffsetWindow, type PagedList, createLimiter, laterOffsets, laterPageNumbers, readAllPages, readCompleteList } from "./paging";
import { createReadReport } from "./read-report";
import type { ListProgress } from "./types";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("createLimiter", () => {
  it("never runs more than `max` tasks, and runs every task", async () => {
    const limit = createLimiter(3);
    let active = 0;
    let peak = 0;
    let done = 0;
    const task = async (ms: number) => {
      peak = Math.max(peak, ++active);
      await new Promise((resolve) => setTimeout(resolve, ms));
      active--;
      done++;
    };
    // Tasks queued up front and tasks queued by finished ones, as the page reads do.
    await Promise.all(Array.from({ length: 12 }, (_, i) => limit(() => task(i % 4)).then(() => limit(() => task(1)))));
    expect(peak).toBe(3);
    expect(done).toBe(24);
  });

  it("frees the slot of a task that failed", async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limit(async () => "next")).toBe("next");
  });
});

interface NumberedPage {
  records: number[];
  totalPages: number;
  totalRecords: number;
}

function numbered(count: number, pageSize: number, seen: number[] = []): PagedList<number, NumberedPage, number> {
  return {
    first: 1,
    rest: (first) => laterPageNumbers(first.totalPages),
    fetchPage: async (page) => {
      seen.push(page);
      await tick();
      const records = Array.from(
        { length: Math.max(0, Math.min(pageSize, count - (page - 1) * pageSize)) },
        (_, i) => (page - 1) * pageSize + i,
      );
      return { records, totalPages: Math.ceil(count / pageSize), totalRecords: count };
    },
    items: (page) => page.records,
    total: (page) => page.totalRecords,
  };
}

describe("readAllPages", () => {
  it("reads page 1 first, then the rest, in page order, reporting progress against the first total", async () => {
    const seen: number[] = [];
    const progress: ListProgress[] = [];
    const all = await readAllPages(numbered(95, 10, seen), { limit: createLimiter(), onProgress: (p) => progress.push(p) });
    expect(all).toEqual(Array.from({ length: 95 }, (_, i) => i));
    expect(seen[0]).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(progress).toHaveLength(10);
    expect(progress.at(-1)).toEqual({ fetched: 95, total: 95 });
    expect(progress.map((p) => p.fetched)).toEqual([...progress.map((p) => p.fetched)].sort((a, b) => a - b));
  });

  it("reads an empty list with one request", async () => {
    const seen: number[] = [];
    expect(await readAllPages(numbered(0, 10, seen), { limit: createLimiter() })).toEqual([]);
    expect(seen).toEqual([1]);
  });

  it("steps offsets by what the first page held when the server caps `limit`", async () => {
    const asked: OffsetWindow[] = [];
    const capped: PagedList<OffsetWindow, { items: number[]; totalCount: number }, number> = {
      first: { offset: 0, limit: 100 },
      rest: (first) => laterOffsets(first.items.length, first.totalCount),
      fetchPage: async (window) => {
        asked.push(window);
        const end = Math.min(window.offset + Math.min(window.limit, 40), 130);
        return { items: Array.from({ length: end - window.offset }, (_, i) => window.offset + i), totalCount: 130 };
      },
      items: (page) => page.items,
      total: (page) => page.totalCount,
    };
    const all = await readAllPages(capped, { limit: createLimiter() });
    expect(all).toEqual(Array.from({ length: 130 }, (_, i) => i));
    expect(asked).toEqual([
      { offset: 0, limit: 100 },
      { offset: 40, limit: 40 },
      { offset: 80, limit: 40 },
      { offset: 120, limit: 40 },
    ]);
  });

  it("cancels the pages still queued or in flight on the first failure", async () => {
    const aborted: number[] = [];
    const started: number[] = [];
    const list: PagedList<number, NumberedPage, number> = {
      ...numbered(200, 10),
      fetchPage: (page, signal) =>
        new Promise((resolve, reject) => {
          started.push(page);
          if (page === 1) return resolve({ records: [0], totalPages: 20, totalRecords: 200 });
          if (page === 2) return setTimeout(() => reject(new Error("page 2 failed")), 5);
          signal.addEventListener("abort", () => {
            aborted.push(page);
            reject(signal.reason);
          });
        }),
    };
    await expect(readAllPages(list, { limit: createLimiter(4) })).rejects.toThrow("page 2 failed");
    // Page 6 takes the failed page's slot before the failure is seen; pages 7 to 20 never start.
    expect(started).toEqual([1, 2, 3, 4, 5, 6]);
    expect(aborted.sort((a, b) => a - b)).toEqual([3, 4, 5, 6]);
  });

  it("stops before the first request when the caller has already cancelled", async () => {
    const seen: number[] = [];
    const caller = new AbortController();
    caller.abort(new Error("gone"));
    await expect(readAllPages(numbered(30, 10, seen), { limit: createLimiter(), signal: caller.signal })).rejects.toThrow("gone");
    expect(seen).toEqual([]);
  });
});

/**
 * A list of `count` items in pages of `pageSize` whose pages shift while they are read:
 * on each of the first `shiftedReads` reads of the whole list, every page after the
 * first starts one item early (an item was added before it), so each repeats the last
 * item of the page before and the list's last item is never seen.
 */
function shifting(count: number, pageSize: number, shiftedReads: number, dropEvery = 0) {
  let reads = 0;
  const list: PagedList<number, { records: Array<{ id: string } | null>; totalPages: number; totalRecords: number }, { id: string }> = {
    first: 1,
    rest: (first) => laterPageNumbers(first.totalPages),
    fetchPage: async (page) => {
      if (page === 1) reads++;
      await tick();
      const shift = reads <= shiftedReads && page > 1 ? 1 : 0;
      const start = (page - 1) * pageSize - shift;
      const records = Array.from({ length: Math.max(0, Math.min(pageSize, count - (page - 1) * pageSize)) }, (_, i) =>
        dropEvery && (start + i) % dropEvery === dropEvery - 1 ? null : { id: `i${start + i}` },
      );
      return { records, totalPages: Math.ceil(count / pageSize), totalRecords: count };
    },
    items: (page) => page.records.filter((r): r is { id: string } => r !== null),
    sent: (page) => page.records.length,
    total: (page) => page.totalRecords,
  };
  return { list, reads: () => reads };
}

describe("readCompleteList", () => {
  const options = (report = createReadReport()) => ({
    limit: createLimiter(),
    report,
    idOf: (i: { id: string }) => i.id,
    item: "user",
    part: "users",
  });

  it("reads a list that holds still once, with nothing noted", async () => {
    const { list, reads } = shifting(25, 10, 0);
    const report = createReadReport();
    expect((await readCompleteList(list, options(report))).map((i) => i.id)).toEqual(Array.from({ length: 25 }, (_, i) => `i${i}`));
    expect(reads()).toBe(1);
    expect(report.data()).toEqual({ deviations: [], missing: [], dropped: 0 });
  });

  it("keeps an item listed twice once (noted), and re-reads once when it comes up short of the total", async () => {
    const { list, reads } = shifting(25, 10, 1);
    const report = createReadReport();
    const items = await readCompleteList(list, options(report));
    expect(items.map((i) => i.id).sort()).toEqual(Array.from({ length: 25 }, (_, i) => `i${i}`).sort());
    expect(reads()).toBe(2);
    expect(report.data().deviations).toEqual([{ kind: "user duplicate", count: 1, example: "i9" }]);
    expect(report.data().missing).toEqual([]);
  });

  it("reports the list as a missing part when the re-read is still short", async () => {
    const { list, reads } = shifting(10_000, 1000, 2);
    const report = createReadReport();
    const items = await readCompleteList(list, options(report));
    expect(items).toHaveLength(9_999);
    expect(reads()).toBe(2);
    expect(report.data().missing).toEqual([{ part: "users", reason: "read 9,999 of 10,000", status: null }]);
  });

  it("counts items the pages held but that could not be kept as read (they are noted where dropped)", async () => {
    const { list, reads } = shifting(30, 10, 0, 7);
    const items = await readCompleteList(list, options());
    expect(items).toHaveLength(26);
    expect(reads()).toBe(1);
  });
});

describe("page addresses", () => {
  it("numbers the pages after the first", () => {
    expect(laterPageNumbers(0)).toEqual([]);
    expect(laterPageNumbers(1)).toEqual([]);
    expect(laterPageNumbers(4)).toEqual([2, 3, 4]);
  });

  it("has no later windows when the first page was empty or held everything", () => {
    expect(laterOffsets(0, 50)).toEqual([]);
    expect(laterOffsets(50, 50)).toEqual([]);
    expect(laterOffsets(20, 50)).toEqual([
      { offset: 20, limit: 20 },
      { offset: 40, limit: 20 },
    ]);
  });
});
