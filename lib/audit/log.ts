import { and, asc, count, desc, eq, gte, ilike, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Db, getDb } from "../db";
import { log } from "../log";
import { streamAuditRows } from "./stream";
import { auditEvents } from "../db/schema";
import { type AuditContent, GENESIS_HASH, hashEntry } from "./chain";
import type { AuditEvent, AuditOutcome, AuditQuery, AuditResponse } from "./types";

/** Appends to the audit log, one writer at a time, each row chained to the one before. */

const CHAIN_LOCK = 727_275;

export interface AuditAttempt {
  actor: { id: string | null; email: string; role: string };
  action: string;
  provider?: string | null;
  target?: { id?: string | null; email?: string | null };
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Appends one row; the caller holds the chain lock in this transaction. */
async function appendLocked(tx: Tx, content: AuditContent): Promise<AuditHead> {
  const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const [row] = await tx
    .insert(auditEvents)
    .values({ ...content, prevHash, hash: hashEntry(prevHash, content) })
    .returning({ id: auditEvents.id, hash: auditEvents.hash });
  return row;
}

/**
 * The new head on the log stream after every append: a copy outside the database to
 * check the chain against (`npm run audit:verify -- --head <hash>`), so deleting the
 * newest rows shows.
 */
function logHead(head: AuditHead) {
  log.info({ auditHead: head }, `audit head ${head.id} ${head.hash}`);
}

async function append(content: AuditContent): Promise<number> {
  const db = await getDb();
  const head = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
    return appendLocked(tx, content);
  });
  streamAuditRows([{ row: head, content }]);
  logHead(head);
  return head.id;
}

export interface AuditHead {
  id: number;
  hash: string;
}

/** The newest row's id and hash, as the Audit page shows it. */
export async function auditHead(): Promise<AuditHead | null> {
  const db = await getDb();
  const [row] = await db.select({ id: auditEvents.id, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  return row ?? null;
}

function contentOf(attempt: AuditAttempt, kind: "attempt" | "result", outcome: AuditOutcome): AuditContent {
  return {
    at: new Date(),
    kind,
    attemptId: null,
    actorId: attempt.actor.id,
    actorEmail: attempt.actor.email,
    actorRole: attempt.actor.role,
    action: attempt.action,
    provider: attempt.provider ?? null,
    targetId: attempt.target?.id ?? null,
    targetEmail: attempt.target?.email ?? null,
    before: attempt.before ?? null,
    after: attempt.after ?? null,
    outcome,
    providerStatus: null,
    providerMessage: null,
    requestId: attempt.requestId ?? null,
  };
}

/** Written before any provider call. */
export function recordAttempt(attempt: AuditAttempt): Promise<number> {
  return append(contentOf(attempt, "attempt", "pending"));
}

/** Something complete in one row (a sign-in, a refused request): its outcome is known at once. */
export function recordEvent(attempt: AuditAttempt, outcome: "success" | "failure" | "refused", message: string | null): Promise<number> {
  return append({ ...contentOf(attempt, "attempt", outcome), providerMessage: message });
}

/** A change Roster's own rules refused: no provider was called. */
export function recordRefusal(attempt: AuditAttempt, message: string): Promise<number> {
  return append({ ...contentOf(attempt, "attempt", "refused"), providerMessage: message });
}

/** The outcome of an attempt, once the provider has answered (or failed to). */
export function recordResult(
  attemptId: number,
  attempt: AuditAttempt,
  result: { outcome: "success" | "failure" | "refused"; after?: unknown; providerStatus?: number | null; providerMessage?: string | null },
): Promise<number> {
  return append({
    ...contentOf(attempt, "result", result.outcome),
    attemptId,
    after: result.after ?? attempt.after ?? null,
    providerStatus: result.providerStatus ?? null,
    providerMessage: result.providerMessage ?? null,
  });
}

const results = alias(auditEvents, "results");

function filters(q: Partial<AuditQuery>): SQL | undefined {
  const outcome = sql<string>`coalesce(${results.outcome}, ${auditEvents.outcome})`;
  const conditions: Array<SQL | undefined> = [
    eq(auditEvents.kind, "attempt"),
    q.actor ? ilike(auditEvents.actorEmail, `%${q.actor.replace(/[%_\\]/g, "\\$&")}%`) : undefined,
    q.provider ? eq(auditEvents.provider, q.provider) : undefined,
    q.action ? eq(auditEvents.action, q.action) : undefined,
    q.outcome ? sql`${outcome} = ${q.outcome}` : undefined,
    q.from ? gte(auditEvents.at, q.from) : undefined,
    q.to ? lte(auditEvents.at, q.to) : undefined,
  ];
  return and(...conditions.filter(Boolean));
}

/** Attempts joined with their results: one event per attempted change, newest first. */
export async function listAudit(q: Partial<AuditQuery> & { page: number; pageSize: number }): Promise<AuditResponse> {
  const db = await getDb();
  const where = filters(q);
  const base = db.select().from(auditEvents).leftJoin(results, eq(results.attemptId, auditEvents.id));
  const [rows, [{ total }], head] = await Promise.all([
    base.where(where).orderBy(desc(auditEvents.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(auditEvents).leftJoin(results, eq(results.attemptId, auditEvents.id)).where(where),
    auditHead(),
  ]);
  return { head, total: Number(total), events: rows.map(eventOf) };
}

/**
 * Up to `limit` events older than the event `before` (from the newest when null), newest
 * first, with no count: keyset paging for exports, where rows written meanwhile must not
 * shift the pages.
 */
export async function auditEventsBefore(q: Partial<AuditQuery>, before: number | null, limit: number): Promise<AuditEvent[]> {
  const db = await getDb();
  const where = and(filters(q), before === null ? undefined : lt(auditEvents.id, before));
  const rows = await db.select().from(auditEvents).leftJoin(results, eq(results.attemptId, auditEvents.id)).where(where).orderBy(desc(auditEvents.id)).limit(limit);
  return rows.map(eventOf);
}

type JoinedRow = { audit_events: typeof auditEvents.$inferSelect; results: typeof auditEvents.$inferSelect | null };

function eventOf({ audit_events: a, results: r }: JoinedRow): AuditEvent {
  return {
    id: a.id,
    at: a.at.toISOString(),
    actor: { id: a.actorId, email: a.actorEmail, role: a.actorRole },
    action: a.action,
    provider: a.provider,
    target: { id: a.targetId, email: a.targetEmail },
    before: a.before,
    after: r?.after ?? a.after,
    outcome: (r?.outcome ?? a.outcome) as AuditOutcome,
    providerStatus: r?.providerStatus ?? a.providerStatus,
    providerMessage: r?.providerMessage ?? a.providerMessage,
    requestId: a.requestId,
    completedAt: r ? r.at.toISOString() : a.outcome !== "pending" ? a.at.toISOString() : null,
  };
}

/** Attempts that never got a result (the server stopped in between). */
export async function pendingAttempts(): Promise<number> {
  const db = await getDb();
  const [{ n }] = await db
    .select({ n: count() })
    .from(auditEvents)
    .leftJoin(results, eq(results.attemptId, auditEvents.id))
    .where(and(eq(auditEvents.kind, "attempt"), eq(auditEvents.outcome, "pending"), isNull(results.id)));
  return Number(n);
}

/**
 * Attempts written before `before` that never got a result: the server that made them
 * stopped (a crash) before the provider answered. Each gets a `failure` result saying so,
 * so no change stays pending forever; whether the provider applied it is unknown.
 * Under the chain lock, so two servers sweeping at once close each attempt once.
 */
export async function closeInterruptedAttempts(before: Date): Promise<number> {
  const db = await getDb();
  const heads: AuditHead[] = [];
  const written: Array<{ row: AuditHead; content: AuditContent }> = [];
  const closed = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
    const open = await tx
      .select({ attempt: auditEvents })
      .from(auditEvents)
      .leftJoin(results, eq(results.attemptId, auditEvents.id))
      .where(and(eq(auditEvents.kind, "attempt"), eq(auditEvents.outcome, "pending"), isNull(results.id), lt(auditEvents.at, before)))
      .orderBy(asc(auditEvents.id));
    for (const { attempt: a } of open) {
      const where = a.provider ? `check ${a.provider} for whether it was applied` : "check whether it was applied";
      const content: AuditContent = {
        at: new Date(),
        kind: "result",
        attemptId: a.id,
        actorId: a.actorId,
        actorEmail: a.actorEmail,
        actorRole: a.actorRole,
        action: a.action,
        provider: a.provider,
        targetId: a.targetId,
        targetEmail: a.targetEmail,
        before: a.before,
        after: a.after,
        outcome: "failure",
        providerStatus: null,
        providerMessage: `Interrupted: Roster stopped before this change finished; ${where}`,
        requestId: a.requestId,
      };
      const row = await appendLocked(tx, content);
      heads.push(row);
      written.push({ row, content });
    }
    return open.length;
  });
  streamAuditRows(written);
  if (heads.length) logHead(heads[heads.length - 1]);
  return closed;
}
