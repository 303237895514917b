import { gunzipSync, gzipSync } from "node:zlib";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { getDb } from "../db";
import { directoryPatches, directorySnapshots } from "../db/schema";
import { emptyReadReport, type ReadReportData } from "../providers/read-report";
import type { Member, ProviderId } from "../providers/types";

/**
 * The directory snapshot in the database, so every Roster server on one database shares
 * it and a restarted server shows the last one at once. A full sync writes the whole
 * list and a new revision; a change made through Roster writes one patch row per member
 * and bumps the revision. A server holding revision r catches up by reading the patches
 * after r, or the whole list when another server wrote a newer sync.
 */

export interface SnapshotHead {
  provider: ProviderId;
  source: string;
  revision: number;
  syncRevision: number;
  fetchedAt: Date;
  memberCount: number;
}

/** One member's change: `member` null means it is gone. */
export interface MemberPatch {
  id: string;
  member: Member | null;
}

export interface StoredPatch extends MemberPatch {
  revision: number;
}

const headColumns = {
  provider: directorySnapshots.provider,
  source: directorySnapshots.source,
  revision: directorySnapshots.revision,
  syncRevision: directorySnapshots.syncRevision,
  fetchedAt: directorySnapshots.fetchedAt,
  memberCount: directorySnapshots.memberCount,
};

/** Every provider's revision and sync time, without the member lists (one small query per read). */
export async function readHeads(): Promise<SnapshotHead[]> {
  const db = await getDb();
  return db.select(headColumns).from(directorySnapshots);
}

/**
 * The member list as stored: gzip, base64 (`gz:` prefix). 50,000 members are ~12 MB of JSON
 * but ~1.5 MB stored, which keeps an embedded PGlite's memory (which never shrinks) small.
 */
function packMembers(members: Member[]): string {
  return `gz:${gzipSync(JSON.stringify(members)).toString("base64")}`;
}

function unpackMembers(stored: string): Member[] {
  const json = stored.startsWith("gz:") ? gunzipSync(Buffer.from(stored.slice(3), "base64")).toString("utf8") : stored;
  return JSON.parse(json) as Member[];
}

export interface StoredSnapshot {
  head: SnapshotHead;
  members: Member[];
  report: ReadReportData;
}

export async function readSnapshot(provider: ProviderId): Promise<StoredSnapshot | null> {
  const db = await getDb();
  const [row] = await db.select().from(directorySnapshots).where(eq(directorySnapshots.provider, provider));
  if (!row) return null;
  const { members, readReport, ...head } = row;
  return { head, members: unpackMembers(members), report: readReport ?? emptyReadReport() };
}

export async function readPatches(provider: ProviderId, afterRevision: number): Promise<StoredPatch[]> {
  const db = await getDb();
  const rows = await db
    .select({ revision: directoryPatches.revision, id: directoryPatches.memberId, member: directoryPatches.member })
    .from(directoryPatches)
    .where(and(eq(directoryPatches.provider, provider), gt(directoryPatches.revision, afterRevision)))
    .orderBy(asc(directoryPatches.id));
  return rows.map((r) => ({ revision: r.revision, id: r.id, member: (r.member as Member | null) ?? null }));
}

/** Applies patches to a list of members (by id): replaces, adds, or drops. */
export function applyPatches(members: Member[], patches: readonly MemberPatch[]): Member[] {
  if (patches.length === 0) return members;
  const byId = new Map(members.map((m) => [m.id, m]));
  for (const patch of patches) {
    if (patch.member) byId.set(patch.id, patch.member);
    else byId.delete(patch.id);
  }
  return [...byId.values()];
}

/**
 * Stores a full read of a provider. Patches written after `baseRevision` (changes made
 * through Roster while the read was running, on any server) are applied on top, so a
 * change is not lost to a list that was read before it; older patches are dropped, the
 * new list supersedes them. Returns what was stored.
 */
export async function writeSync(
  provider: ProviderId,
  source: string,
  fetched: Member[],
  fetchedAt: Date,
  baseRevision: number,
  report: ReadReportData = emptyReadReport(),
): Promise<StoredSnapshot> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ revision: directorySnapshots.revision, source: directorySnapshots.source })
      .from(directorySnapshots)
      .where(eq(directorySnapshots.provider, provider))
      .for("update");
    const later =
      current?.source === source
        ? await tx
            .select({ id: directoryPatches.memberId, member: directoryPatches.member })
            .from(directoryPatches)
            .where(and(eq(directoryPatches.provider, provider), gt(directoryPatches.revision, baseRevision)))
            .orderBy(asc(directoryPatches.id))
        : [];
    const members = applyPatches(
      fetched,
      later.map((p) => ({ id: p.id, member: (p.member as Member | null) ?? null })),
    );
    const revision = (current?.revision ?? 0) + 1;
    const head: SnapshotHead = { provider, source, revision, syncRevision: revision, fetchedAt, memberCount: members.length };
    const values = { ...head, members: packMembers(members), readReport: report };
    await tx.insert(directorySnapshots).values(values).onConflictDoUpdate({ target: directorySnapshots.provider, set: values });
    await tx.delete(directoryPatches).where(eq(directoryPatches.provider, provider));
    return { head, members, report };
  });
}

/**
 * Records changes to members of a stored snapshot; returns the new revision, or null
 * when the provider has no stored snapshot yet (its first sync will read the change).
 */
export async function writePatches(provider: ProviderId, patches: readonly MemberPatch[]): Promise<number | null> {
  if (patches.length === 0) return null;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(directorySnapshots)
      .set({ revision: sql`${directorySnapshots.revision} + 1` })
      .where(eq(directorySnapshots.provider, provider))
      .returning({ revision: directorySnapshots.revision });
    if (!row) return null;
    await tx.insert(directoryPatches).values(patches.map((p) => ({ provider, revision: row.revision, memberId: p.id, member: p.member })));
    return row.revision;
  });
}
