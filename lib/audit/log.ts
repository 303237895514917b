import { and, asc, count, desc, eq, exists, gte, ilike, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type Db, getDb } from "../db";
import { log } from "../log";
import { streamAuditRows } from "./stream";
import { auditEvents } from "../db/schema";
import { type AuditContent, GENESIS_HASH, hashEntry } from "./chain";
import type { AuditAction } from "./constants";
import { describeEvent } from "./describe";
import type { AuditEvent, AuditOutcome, AuditQuery, AuditResponse } from "./types";

/** Appends to the audit log, one writer at a time, each row chained to the one before. */

const CHAIN_LOCK = 727_275;

export interface AuditAttempt {
  actor: { id: string | null; email: string; role: string };
  action: AuditAction;
  provider?: string | null;
  target?: { id?: string | null; email?: string | null };
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
  /** The entry this attempt is a step of (remove everywhere, a new service account's role). */
  parentId?: number | null;
}

/** How an attempt ended; `target` and `after` when only the provider's answer tells them (a created account's id). */
export interface AuditResult {
  outcome: Exclude<AuditOutcome, "pending">;
  target?: { id?: string | null; email?: string | null };
  after?: unknown;
  providerStatus?: number | null;
  providerMessage?: string | null;
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
    parentId: attempt.parentId ?? null,
  };
}

/** Written before any provider call. */
export function recordAttempt(attempt: AuditAttempt): Promise<number> {
  return append(contentOf(attempt, "attempt", "pending"));
}

/** Something complete in one row (a sign-in, a refused request): its outcome is known at once. */
export function recordEvent(attempt: AuditAttempt, outcome: AuditResult["outcome"], message: string | null): Promise<number> {
  return append({ ...contentOf(attempt, "attempt", outcome), providerMessage: message });
}

/** A change Roster's own rules refused: no provider was called. */
export function recordRefusal(attempt: AuditAttempt, message: string): Promise<number> {
  return append({ ...contentOf(attempt, "attempt", "refused"), providerMessage: message });
}

/** The outcome of an attempt, once the provider has answered (or failed to). */
export function recordResult(attemptId: number, attempt: AuditAttempt, result: AuditResult): Promise<number> {
  return append({
    ...contentOf({ ...attempt, target: result.target ?? attempt.target }, "result", result.outcome),
    attemptId,
    parentId: null,
    after: result.after ?? attempt.after ?? null,
    providerStatus: result.providerStatus ?? null,
    providerMessage: result.providerMessage ?? null,
  });
}

const results = alias(auditEvents, "results");
const steps = alias(auditEvents, "steps");

/**
 * Top-level entries only (a step shows under its parent); a parent matches the provider
 * and action filters when one of its steps does, so "Remove everywhere" on OpenAI finds
 * the entry whose OpenAI step removed someone.
 */
function filters(db: Db, q: Partial<AuditQuery>): SQL | undefined {
  const outcome = sql<string>`coalesce(${results.outcome}, ${auditEvents.outcome})`;
  const orStep = (column: "provider" | "action", value: string) =>
    or(
      eq(auditEvents[column], value),
      exists(
        db
          .select({ one: sql`1` })
          .from(steps)
          .where(and(eq(steps.parentId, auditEvents.id), eq(steps[column], value))),
      ),
    );
  const conditions: Array<SQL | undefined> = [
    eq(auditEvents.kind, "attempt"),
    isNull(auditEvents.parentId),
    q.actor ? ilike(auditEvents.actorEmail, `%${q.actor.replace(/[%_\\]/g, "\\$&")}%`) : undefined,
    q.provider ? orStep("provider", q.provider) : undefined,
    q.action ? orStep("action", q.action) : undefined,
    q.outcome ? sql`${outcome} = ${q.outcome}` : undefined,
    q.from ? gte(auditEvents.at, q.from) : undefined,
    q.to ? lte(auditEvents.at, q.to) : undefined,
  ];
  return and(...conditions.filter(Boolean));
}

/** The steps of these entries, oldest first, each with its result. */
async function withSteps(db: Db, events: AuditEvent[]): Promise<AuditEvent[]> {
  if (events.length === 0) return events;
  const rows = await db
    .select()
    .from(auditEvents)
    .leftJoin(results, eq(results.attemptId, auditEvents.id))
    .where(
      and(
        eq(auditEvents.kind, "attempt"),
        inArray(
          auditEvents.parentId,
          events.map((e) => e.id),
        ),
      ),
    )
    .orderBy(asc(auditEvents.id));
  const byParent = new Map<number, AuditEvent[]>();
  for (const row of rows) {
    const step = eventOf(row);
    const list = byParent.get(row.audit_events.parentId!) ?? [];
    list.push(step);
    byParent.set(row.audit_events.parentId!, list);
  }
  return events.map((e) => {
    const found = byParent.get(e.id);
    return found ? { ...e, steps: found, description: describeEvent({ ...e, steps: found }) } : e;
  });
}

/** Entries joined with their results and steps: one event per attempted change, newest first. */
export async function listAudit(q: Partial<AuditQuery> & { page: number; pageSize: number }): Promise<AuditResponse> {
  const db = await getDb();
  const where = filters(db, q);
  const base = db.select().from(auditEvents).leftJoin(results, eq(results.attemptId, auditEvents.id));
  const [rows, [{ total }], head] = await Promise.all([
    base
      .where(where)
      .orderBy(desc(auditEvents.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(auditEvents).leftJoin(results, eq(results.attemptId, auditEvents.id)).where(where),
    auditHead(),
  ]);
  return { head, total: Number(total), events: await withSteps(db, rows.map(eventOf)) };
}

/**
 * Up to `limit` entries older than the entry `before` (from the newest when null), newest
 * first, each with its steps, with no count: keyset paging for exports, where rows
 * written meanwhile must not shift the pages.
 */
export async function auditEventsBefore(q: Partial<AuditQuery>, before: number | null, limit: number): Promise<AuditEvent[]> {
  const db = await getDb();
  const where = and(filters(db, q), before === null ? undefined : lt(auditEvents.id, before));
  const rows = await db
    .select()
    .from(auditEvents)
    .leftJoin(results, eq(results.attemptId, auditEvents.id))
    .where(where)
    .orderBy(desc(auditEvents.id))
    .limit(limit);
  return withSteps(db, rows.map(eventOf));
}

/**
 * Every attempted change made to one person (steps of composite changes included, each on
 * its own), newest first: by their email or by any of their provider member ids.
 */
export async function auditEventsAbout(email: string, memberIds: readonly string[], limit = 200): Promise<AuditEvent[]> {
  const db = await getDb();
  const about = or(
    sql`lower(${auditEvents.targetEmail}) = ${email.toLowerCase()}`,
    memberIds.length ? inArray(auditEvents.targetId, [...memberIds]) : undefined,
  );
  const rows = await db
    .select()
    .from(auditEvents)
    .leftJoin(results, eq(results.attemptId, auditEvents.id))
    .where(and(eq(auditEvents.kind, "attempt"), about))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
  return rows.map(eventOf);
}

type JoinedRow = { audit_events: typeof auditEvents.$inferSelect; results: typeof auditEvents.$inferSelect | null };

function eventOf({ audit_events: a, results: r }: JoinedRow): AuditEvent {
  const event: Omit<AuditEvent, "description"> = {
    id: a.id,
    parentId: a.parentId,
    at: a.at.toISOString(),
    actor: { id: a.actorId, email: a.actorEmail, role: a.actorRole },
    action: a.action,
    provider: a.provider,
    // A result may name what only the provider's answer told (the id of an account it created).
    target: { id: r?.targetId ?? a.targetId, email: r?.targetEmail ?? a.targetEmail },
    before: a.before,
    after: r?.after ?? a.after,
    outcome: (r?.outcome ?? a.outcome) as AuditOutcome,
    providerStatus: r?.providerStatus ?? a.providerStatus,
    providerMessage: r?.providerMessage ?? a.providerMessage,
    requestId: a.requestId,
    completedAt: r ? r.at.toISOString() : a.outcome !== "pending" ? a.at.toISOString() : null,
  };
  return { ...event, description: describeEvent(event) };
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
        parentId: null,
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
