import { and, count, desc, eq, gte, or, type SQL } from "drizzle-orm";
import { getDb } from "../db";
import { outsideChanges, providerReads, type OutsideChangeRow } from "../db/schema";
import { normaliseEmail } from "../email";
import type { ProviderAdapter, ProviderChange, ProviderId } from "../providers/types";
import { readOutsideChanges } from "./outside-changes";
import type { OutsideChangeView, OutsideChangesQuery, OutsideChangesResponse } from "./outside-types";

/**
 * Changes made outside Roster, stored: each read asks the provider's audit log only from
 * where the previous one stopped (`provider_reads`, kind `audit`, less a minute of overlap
 * for entries the provider writes late), stores each change Roster did not make once per
 * provider event id, and moves the cursor to the newest entry read. The first read looks
 * back FIRST_READ_DAYS.
 */

export const FIRST_READ_DAYS = 30;
/** An outside change this recent marks its person with a badge. */
export const RECENT_DAYS = 30;
export const CURSOR_OVERLAP_MS = 60_000;
const KIND = "audit";

/**
 * The one place a newly stored outside change passes through (notifications hook in here).
 * Called once per change, after it is stored; never for a change read again.
 */
export type OutsideChangeHook = (change: OutsideChangeView) => void | Promise<void>;
let onOutsideChangeStored: OutsideChangeHook | null = null;
export function setOutsideChangeHook(hook: OutsideChangeHook | null): void {
  onOutsideChangeStored = hook;
}

export function viewOf(row: OutsideChangeRow): OutsideChangeView {
  return {
    id: row.id,
    provider: row.provider,
    eventId: row.eventId,
    at: row.at.toISOString(),
    action: row.action,
    targetId: row.targetId,
    email: row.email,
    role: row.role,
    actor: { kind: row.actorKind, id: row.actorId, email: row.actorEmail },
    detectedAt: row.detectedAt.toISOString(),
  };
}

async function cursorOf(provider: ProviderId): Promise<Date | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(providerReads)
    .where(and(eq(providerReads.provider, provider), eq(providerReads.kind, KIND)));
  return row?.readUntil ?? null;
}

async function saveCursor(provider: ProviderId, readUntil: Date | null, error: string | null): Promise<void> {
  const db = await getDb();
  const now = new Date();
  const set = { lastReadAt: now, lastError: error ? { message: error } : null, ...(readUntil ? { readUntil } : {}) };
  await db
    .insert(providerReads)
    .values({ provider, kind: KIND, ...set })
    .onConflictDoUpdate({ target: [providerReads.provider, providerReads.kind], set });
}

export interface OutsideReadResult {
  /** Membership changes the provider's log held in the window read. */
  read: number;
  /** Outside changes stored by this read (none for one already stored). */
  stored: number;
}

/**
 * One read of one provider's audit log into the store. `emailOf` names the member a change
 * was made to when the entry gives only an id (the directory as it is now). Null when the
 * provider has no audit log Roster can read.
 */
export async function readAndStoreOutside(
  provider: ProviderId,
  adapter: ProviderAdapter | null,
  emailOf: (targetId: string) => string | null = () => null,
  now = new Date(),
): Promise<OutsideReadResult | null> {
  if (!adapter?.readChanges) return null;
  const cursor = await cursorOf(provider);
  const since = cursor ? new Date(cursor.getTime() - CURSOR_OVERLAP_MS) : new Date(now.getTime() - FIRST_READ_DAYS * 86_400_000);
  let result;
  try {
    result = await readOutsideChanges(provider, adapter, since);
  } catch (error) {
    await saveCursor(provider, null, error instanceof Error ? error.message : String(error));
    throw error;
  }
  if (!result) return null;
  const stored = await store(provider, result.outside, emailOf);
  const newest = result.read.reduce<number>((max, c) => Math.max(max, Date.parse(c.at)), cursor?.getTime() ?? since.getTime());
  await saveCursor(provider, new Date(newest), null);
  for (const change of stored) await onOutsideChangeStored?.(change);
  return { read: result.read.length, stored: stored.length };
}

async function store(
  provider: ProviderId,
  changes: readonly ProviderChange[],
  emailOf: (targetId: string) => string | null,
): Promise<OutsideChangeView[]> {
  if (changes.length === 0) return [];
  const db = await getDb();
  const email = (c: ProviderChange) => {
    const known = c.email ?? (c.targetId ? emailOf(c.targetId) : null);
    return known ? normaliseEmail(known) : null;
  };
  const rows = await db
    .insert(outsideChanges)
    .values(
      changes.map((c) => ({
        provider,
        eventId: c.id,
        at: new Date(c.at),
        action: c.action,
        targetId: c.targetId,
        email: email(c),
        role: c.role,
        actorKind: c.actor.kind,
        actorId: c.actor.id,
        actorEmail: c.actor.email,
      })),
    )
    .onConflictDoNothing({ target: [outsideChanges.provider, outsideChanges.eventId] })
    .returning();
  return rows.map(viewOf);
}

function filters(q: Partial<OutsideChangesQuery>): SQL | undefined {
  return and(q.provider ? eq(outsideChanges.provider, q.provider) : undefined, q.since ? gte(outsideChanges.at, q.since) : undefined);
}

/** `GET /api/outside-changes`: newest first, paged, and when each provider's log was last read. */
export async function listOutsideChanges(q: OutsideChangesQuery): Promise<OutsideChangesResponse> {
  const db = await getDb();
  const where = filters(q);
  const [rows, [{ total }], reads] = await Promise.all([
    db
      .select()
      .from(outsideChanges)
      .where(where)
      .orderBy(desc(outsideChanges.at), desc(outsideChanges.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(outsideChanges).where(where),
    db.select().from(providerReads).where(eq(providerReads.kind, KIND)),
  ]);
  return {
    total: Number(total),
    page: q.page,
    pageSize: q.pageSize,
    changes: rows.map(viewOf),
    recent: await recentlyChangedOutside(new Date(Date.now() - RECENT_DAYS * 86_400_000)),
    reads: reads.map((r) => ({
      provider: r.provider,
      lastReadAt: r.lastReadAt?.toISOString() ?? null,
      error: r.lastError?.message ?? null,
    })),
  };
}

/** The outside changes made to one person: by email, or by any of their member ids. */
export async function outsideChangesOf(
  email: string,
  members: readonly { provider: ProviderId; id: string }[],
  limit = 200,
): Promise<OutsideChangeView[]> {
  const db = await getDb();
  const byId = members.map((m) => and(eq(outsideChanges.provider, m.provider), eq(outsideChanges.targetId, m.id)));
  const rows = await db
    .select()
    .from(outsideChanges)
    .where(or(eq(outsideChanges.email, normaliseEmail(email)), ...byId))
    .orderBy(desc(outsideChanges.at))
    .limit(limit);
  return rows.map(viewOf);
}

/** Who had an outside change since `since`: emails and provider member ids, for the users table's badge. */
export async function recentlyChangedOutside(since: Date): Promise<{ emails: string[]; members: string[] }> {
  const db = await getDb();
  const rows = await db
    .selectDistinct({ provider: outsideChanges.provider, targetId: outsideChanges.targetId, email: outsideChanges.email })
    .from(outsideChanges)
    .where(gte(outsideChanges.at, since));
  return {
    emails: [...new Set(rows.flatMap((r) => (r.email ? [r.email] : [])))],
    members: [...new Set(rows.flatMap((r) => (r.targetId ? [`${r.provider}:${r.targetId}`] : [])))],
  };
}
