import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Operator } from "../auth/roles";
import { getDb } from "../db";
import { type BulkItemRow, bulkItems, type BulkRunRow, bulkRuns } from "../db/schema";
import { type BulkChange, type BulkItemState, type BulkRunView, describeBulkChange } from "./bulk-types";

/**
 * Bulk runs in the database. An item moves queued → running → succeeded | failed, each
 * step one conditional UPDATE from the state (and attempt count) it was seen in, so two
 * workers (two servers, or a resumed job beside a late one) never both run it.
 */

export async function insertRun(input: {
  id: string;
  operator: Operator;
  requestId: string;
  items: readonly BulkChange[];
}): Promise<BulkRunRow> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [run] = await tx
      .insert(bulkRuns)
      .values({ id: input.id, operator: input.operator, requestId: input.requestId, total: input.items.length })
      .returning();
    await tx
      .insert(bulkItems)
      .values(input.items.map((change, position) => ({ runId: input.id, position, change, label: describeBulkChange(change) })));
    return run;
  });
}

export async function findRun(id: string): Promise<BulkRunRow | null> {
  const db = await getDb();
  const [run] = await db.select().from(bulkRuns).where(eq(bulkRuns.id, id));
  return run ?? null;
}

/** A claimed item, and whether an earlier attempt (by a server that stopped) may have made the change. */
export interface ClaimedItem {
  item: BulkItemRow;
  mayHaveRun: boolean;
}

/** Claims the next item to run: a queued one, or one whose worker died (lease over). Null when none is left. */
export async function claimNext(runId: string, leaseUntil: Date): Promise<ClaimedItem | null> {
  const db = await getDb();
  for (;;) {
    const [seen] = await db
      .select()
      .from(bulkItems)
      .where(
        and(
          eq(bulkItems.runId, runId),
          or(eq(bulkItems.state, "queued"), and(eq(bulkItems.state, "running"), lt(bulkItems.leaseExpiresAt, new Date()))),
        ),
      )
      .orderBy(asc(bulkItems.position))
      .limit(1);
    if (!seen) return null;
    const [item] = await db
      .update(bulkItems)
      .set({ state: "running", attempts: seen.attempts + 1, leaseExpiresAt: leaseUntil, updatedAt: new Date() })
      .where(
        and(
          eq(bulkItems.runId, runId),
          eq(bulkItems.position, seen.position),
          eq(bulkItems.state, seen.state),
          eq(bulkItems.attempts, seen.attempts),
        ),
      )
      .returning();
    if (item) return { item, mayHaveRun: seen.state === "running" };
    // Another worker took it first: look again.
  }
}

export type ItemOutcome =
  | { state: "succeeded"; note?: string | null; auditId?: number | null }
  | { state: "failed"; error: { status: number | null; code: string; message: string }; auditId?: number | null };

/** Settles a claimed item, unless its claim was lost meanwhile (then someone else settles it). */
export async function finishItem(claimed: BulkItemRow, outcome: ItemOutcome): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .update(bulkItems)
    .set({
      state: outcome.state,
      note: outcome.state === "succeeded" ? (outcome.note ?? null) : null,
      error: outcome.state === "failed" ? outcome.error : null,
      auditId: outcome.auditId ?? null,
      leaseExpiresAt: null,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(bulkItems.runId, claimed.runId),
        eq(bulkItems.position, claimed.position),
        eq(bulkItems.state, "running"),
        eq(bulkItems.attempts, claimed.attempts),
      ),
    )
    .returning({ position: bulkItems.position });
  return rows.length > 0;
}

/** Marks the run finished once no item is left queued or running; true when this call did. */
export async function finishRunIfDone(runId: string): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .update(bulkRuns)
    .set({ finishedAt: new Date() })
    .where(
      and(
        eq(bulkRuns.id, runId),
        isNull(bulkRuns.finishedAt),
        sql`not exists (select 1 from ${bulkItems} where ${bulkItems.runId} = ${runId} and ${bulkItems.state} in ('queued', 'running'))`,
      ),
    )
    .returning({ id: bulkRuns.id });
  return rows.length > 0;
}

/** When the last lease of a run's running items ends (null: none is running). */
export async function nextLeaseEnd(runId: string): Promise<Date | null> {
  const db = await getDb();
  const [row] = await db
    .select({ end: sql<string | null>`max(${bulkItems.leaseExpiresAt})` })
    .from(bulkItems)
    .where(and(eq(bulkItems.runId, runId), eq(bulkItems.state, "running")));
  return row?.end ? new Date(row.end) : null;
}

/** Puts the failed items of a run back in the queue (the run is open again); returns how many. */
export async function requeueFailed(runId: string): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(bulkItems)
      .set({ state: "queued", error: null, updatedAt: new Date() })
      .where(and(eq(bulkItems.runId, runId), eq(bulkItems.state, "failed")))
      .returning({ position: bulkItems.position });
    if (rows.length) await tx.update(bulkRuns).set({ finishedAt: null }).where(eq(bulkRuns.id, runId));
    return rows.length;
  });
}

/** Runs not finished: resumed at start, in case the server that ran them stopped. */
export async function unfinishedRunIds(): Promise<string[]> {
  const db = await getDb();
  const rows = await db.select({ id: bulkRuns.id }).from(bulkRuns).where(isNull(bulkRuns.finishedAt));
  return rows.map((r) => r.id);
}

const EMPTY_COUNTS: Record<BulkItemState, number> = { queued: 0, running: 0, succeeded: 0, failed: 0 };

export async function runView(run: BulkRunRow): Promise<BulkRunView> {
  const db = await getDb();
  const items = await db.select().from(bulkItems).where(eq(bulkItems.runId, run.id)).orderBy(asc(bulkItems.position));
  const counts = { ...EMPTY_COUNTS };
  for (const item of items) counts[item.state] += 1;
  return {
    id: run.id,
    startedBy: run.operator.email,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    total: run.total,
    counts,
    items: items.map((item) => ({
      position: item.position,
      change: item.change as BulkChange,
      label: item.label,
      state: item.state,
      attempts: item.attempts,
      note: item.note,
      error: item.error ?? null,
      auditId: item.auditId ?? null,
    })),
  };
}

/** Item counts per state for several runs (the Jobs section). */
export async function countsOf(runIds: readonly string[]): Promise<Map<string, Record<BulkItemState, number>>> {
  const out = new Map<string, Record<BulkItemState, number>>();
  if (!runIds.length) return out;
  const db = await getDb();
  const rows = await db
    .select({ runId: bulkItems.runId, state: bulkItems.state, n: sql<number>`count(*)::int` })
    .from(bulkItems)
    .where(inArray(bulkItems.runId, [...runIds]))
    .groupBy(bulkItems.runId, bulkItems.state);
  for (const row of rows) {
    const counts = out.get(row.runId) ?? { ...EMPTY_COUNTS };
    counts[row.state] = row.n;
    out.set(row.runId, counts);
  }
  return out;
}
