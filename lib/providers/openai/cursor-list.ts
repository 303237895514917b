/**
 * Sandbox storage for one cursor-paginated collection: items in list order, each with a
 * sequence number, so `after=<id>` is a binary search instead of a scan. Sequence
 * numbers of removed ids are kept, so a cursor pointing at an item deleted between two
 * page requests still continues where it was.
 */
export class CursorList<T extends { id: string }> {
  private entries: Array<{ seq: number; item: T }> = [];
  private readonly seqById = new Map<string, number>();
  private readonly live = new Map<string, T>();
  private nextSeq = 0;

  constructor(items: Iterable<T> = []) {
    for (const item of items) this.add(item);
  }

  get size(): number {
    return this.entries.length;
  }

  get(id: string): T | undefined {
    return this.live.get(id);
  }

  *[Symbol.iterator](): Iterator<T> {
    for (const entry of this.entries) yield entry.item;
  }

  add(item: T): void {
    const seq = this.nextSeq++;
    this.entries.push({ seq, item });
    this.seqById.set(item.id, seq);
    this.live.set(item.id, item);
  }

  remove(id: string): boolean {
    const seq = this.seqById.get(id);
    if (seq === undefined || !this.live.delete(id)) return false;
    this.entries.splice(this.indexAfter(seq) - 1, 1);
    return true;
  }

  /** One page after the cursor; null when the cursor names no item this list ever held. */
  page(after: string | undefined, limit: number, keep: (item: T) => boolean = () => true) {
    let i = 0;
    if (after !== undefined) {
      const seq = this.seqById.get(after);
      if (seq === undefined) return null;
      i = this.indexAfter(seq);
    }
    const data: T[] = [];
    for (; i < this.entries.length && data.length < limit; i++) {
      if (keep(this.entries[i].item)) data.push(this.entries[i].item);
    }
    let hasMore = false;
    for (; i < this.entries.length && !hasMore; i++) hasMore = keep(this.entries[i].item);
    return { data, hasMore };
  }

  /** Index of the first entry whose sequence number is greater than `seq`. */
  private indexAfter(seq: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.entries[mid].seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
