import { desc, inArray, sql } from "drizzle-orm";
import { getDb } from "../db";
import { bulkRuns, inviteRequestItems, inviteRequests } from "../db/schema";
import { countsOf } from "./bulk-store";
import type { BulkItemState } from "./bulk-types";
import { JOBS_SCHEMA } from "./engine";
import type { BulkRunSummary, EngineJob, JobsOverview, RunState, SendingSummary } from "./overview-types";

/** How many of each kind the Jobs page lists, newest first. */
const RECENT = 25;

function stateOf(finished: boolean, counts: { failed: number }, started: number): RunState {
  if (finished) return counts.failed > 0 ? "failed" : "done";
  return started > 0 ? "running" : "queued";
}

async function recentBulkRuns(): Promise<BulkRunSummary[]> {
  const db = await getDb();
  const runs = await db.select().from(bulkRuns).orderBy(desc(bulkRuns.createdAt)).limit(RECENT);
  const counts = await countsOf(runs.map((r) => r.id));
  return runs.map((run) => {
    const c: Record<BulkItemState, number> = counts.get(run.id) ?? { queued: 0, running: 0, succeeded: 0, failed: 0 };
    return {
      id: run.id,
      startedBy: run.operator.email,
      createdAt: run.createdAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      total: run.total,
      counts: c,
      state: stateOf(run.finishedAt !== null, c, c.running + c.succeeded + c.failed),
    };
  });
}

async function recentSendings(): Promise<SendingSummary[]> {
  const db = await getDb();
  const requests = await db
    .select()
    .from(inviteRequests)
    .where(sql`${inviteRequests.status} = 'approved' and ${inviteRequests.kind} = 'invite'`)
    .orderBy(desc(inviteRequests.decidedAt))
    .limit(RECENT);
  if (!requests.length) return [];
  const rows = await db
    .select({ requestId: inviteRequestItems.requestId, state: inviteRequestItems.state, n: sql<number>`count(*)::int` })
    .from(inviteRequestItems)
    .where(
      inArray(
        inviteRequestItems.requestId,
        requests.map((r) => r.id),
      ),
    )
    .groupBy(inviteRequestItems.requestId, inviteRequestItems.state);
  return requests.map((request) => {
    const counts = { queued: 0, sending: 0, sent: 0, skipped: 0, failed: 0 };
    for (const row of rows.filter((r) => r.requestId === request.id)) counts[row.state] = row.n;
    const total = counts.queued + counts.sending + counts.sent + counts.skipped + counts.failed;
    return {
      requestId: request.id,
      approvedBy: request.decidedByEmail,
      approvedAt: request.decidedAt?.toISOString() ?? null,
      total,
      counts,
      state: stateOf(counts.queued + counts.sending === 0, counts, total - counts.queued),
    };
  });
}

interface EngineRow {
  id: string;
  name: string;
  state: string;
  retry_count: number;
  created_on: string | Date;
  start_after: string | Date;
  started_on: string | Date | null;
  completed_on: string | Date | null;
  output: unknown;
  data: unknown;
}

const iso = (value: string | Date | null): string | null => (value === null ? null : new Date(value).toISOString());

/** A failed job's reason, as pg-boss keeps it (the error's message in `output`). */
function errorOf(row: EngineRow): string | null {
  if (row.state !== "failed" && row.state !== "retry") return null;
  const output = row.output as { message?: unknown; value?: { message?: unknown } } | null;
  const message = output?.message ?? output?.value?.message;
  return typeof message === "string" ? message.slice(0, 500) : "Failed (no reason given)";
}

function subjectOf(data: unknown): string | null {
  const d = (data ?? {}) as { provider?: unknown; runId?: unknown; inviteRequestId?: unknown };
  const subject = d.provider ?? d.runId ?? d.inviteRequestId;
  return typeof subject === "string" ? subject : null;
}

async function recentEngineJobs(): Promise<EngineJob[]> {
  const db = await getDb();
  const result = await db.execute(
    sql`select id, name, state, retry_count, created_on, start_after, started_on, completed_on, output, data
        from ${sql.raw(JOBS_SCHEMA)}.job where name not like '\\_\\_%' order by created_on desc limit ${RECENT * 2}`,
  );
  const rows = (result as unknown as { rows?: EngineRow[] }).rows ?? (result as unknown as EngineRow[]);
  return rows.map((row) => ({
    id: row.id,
    queue: row.name,
    state: row.state,
    retries: row.retry_count,
    createdAt: iso(row.created_on)!,
    startAfter: iso(row.start_after)!,
    startedAt: iso(row.started_on),
    completedAt: iso(row.completed_on),
    error: errorOf(row),
    subject: subjectOf(row.data),
  }));
}

/** Recent bulk runs, invite sendings and engine jobs, for owners. */
export async function jobsOverview(): Promise<JobsOverview> {
  const [bulk, sendings, engine] = await Promise.all([recentBulkRuns(), recentSendings(), recentEngineJobs()]);
  return { bulkRuns: bulk, sendings, engine };
}
