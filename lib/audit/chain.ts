import { createHash, createHmac } from "node:crypto";
import { asc, gt } from "drizzle-orm";
import type { Db } from "../db";
import { type AuditRow, auditEvents } from "../db/schema";

/**
 * The audit hash chain: each row's hash covers its own content and the hash of the row
 * before it. Editing a row changes its hash; deleting one breaks the link of the next.
 *
 * The hash is an HMAC-SHA-256 keyed with a key kept outside the database
 * (`ROSTER_AUDIT_KEY`, else one derived from `NEXTAUTH_SECRET`), written `k1:<hex>`, so
 * someone who can rewrite the table cannot recompute the chain; and each append logs the
 * new head, so deleting the newest rows shows against a copy of it (`--head`). Rows
 * written before the key (plain SHA-256, bare hex) still verify, but only as a prefix:
 * an unkeyed row after a keyed one is reported.
 */

export const GENESIS_HASH = "0".repeat(64);
const KEYED = "k1:";

/** The chain key from the environment, or null (then rows are written unkeyed, as before). */
export function auditKey(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const explicit = env.ROSTER_AUDIT_KEY?.trim();
  if (explicit) return createHash("sha256").update(`roster-audit-key\n${explicit}`).digest();
  const secret = env.NEXTAUTH_SECRET?.trim();
  if (secret) return createHmac("sha256", secret).update("roster-audit-chain-v1").digest();
  return null;
}

export function isKeyedHash(hash: string): boolean {
  return hash.startsWith(KEYED);
}

export type AuditContent = Omit<AuditRow, "id" | "hash" | "prevHash">;

/** Stable JSON: object keys sorted, so the same content always hashes the same. */
function canonical(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The row's hash: keyed when `key` is given (the default reads it from the environment). */
export function hashEntry(prevHash: string, content: AuditContent, key: Buffer | null = auditKey()): string {
  const body = canonical({
    at: new Date(content.at).toISOString(),
    kind: content.kind,
    attemptId: content.attemptId ?? null,
    actorId: content.actorId ?? null,
    actorEmail: content.actorEmail,
    actorRole: content.actorRole,
    action: content.action,
    provider: content.provider ?? null,
    targetId: content.targetId ?? null,
    targetEmail: content.targetEmail ?? null,
    before: content.before ?? null,
    after: content.after ?? null,
    outcome: content.outcome,
    providerStatus: content.providerStatus ?? null,
    providerMessage: content.providerMessage ?? null,
    requestId: content.requestId ?? null,
    // Only rows that are steps carry it, so rows written before the column hash as they did.
    parentId: content.parentId ?? undefined,
  });
  if (!key) return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
  return KEYED + createHmac("sha256", key).update(prevHash).update("\n").update(body).digest("hex");
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The newest row's id and hash: compare with a copy kept outside the database. */
  head: { id: number; hash: string } | null;
  /** Rows written before the chain was keyed (they verify as plain SHA-256). */
  unkeyed: number;
  /** The first row that does not verify, and why. */
  broken?: { id: number; reason: string };
  /** With `expectedHead`: where that head is in the chain (null: not there, the log was cut or rewritten). */
  expectedHeadAt?: number | null;
}

/**
 * Walks the whole log in id order, in batches, and checks every link. With `expectedHead`
 * (a head hash logged or shown earlier), the chain must contain it: a log whose newest
 * rows were deleted no longer does.
 */
export async function verifyChain(
  db: Db,
  options: { batchSize?: number; key?: Buffer | null; expectedHead?: string } = {},
): Promise<ChainReport> {
  const { batchSize = 2_000, expectedHead } = options;
  const key = options.key === undefined ? auditKey() : options.key;
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  let unkeyed = 0;
  let keyedSeen = false;
  let head: ChainReport["head"] = null;
  let expectedHeadAt: number | null = null;
  const fail = (id: number, reason: string): ChainReport => ({ ok: false, checked, head, unkeyed, broken: { id, reason } });
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.id, lastId)).orderBy(asc(auditEvents.id)).limit(batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.prevHash !== prev) {
        return fail(row.id, `row ${row.id} does not follow the row before it (a row before it was deleted or changed)`);
      }
      const keyed = isKeyedHash(row.hash);
      if (keyed && !key)
        return fail(row.id, `row ${row.id} is keyed: set ROSTER_AUDIT_KEY (or the NEXTAUTH_SECRET Roster runs with) to verify it`);
      if (!keyed && keyedSeen) return fail(row.id, `row ${row.id} is unkeyed after keyed rows (written without the key, or rewritten)`);
      if (hashEntry(row.prevHash, row, keyed ? key : null) !== row.hash) {
        return fail(
          row.id,
          `row ${row.id} was changed after it was written${keyed ? " (or the key is not the one it was written with)" : ""}`,
        );
      }
      keyedSeen ||= keyed;
      if (!keyed) unkeyed++;
      if (expectedHead && row.hash === expectedHead) expectedHeadAt = row.id;
      prev = row.hash;
      lastId = row.id;
      head = { id: row.id, hash: row.hash };
      checked++;
    }
  }
  if (expectedHead && expectedHeadAt === null) {
    return {
      ok: false,
      checked,
      head,
      unkeyed,
      expectedHeadAt,
      broken: {
        id: head?.id ?? 0,
        reason: `the expected head ${expectedHead} is not in the chain: its newest rows were deleted, or the log was rewritten`,
      },
    };
  }
  return { ok: true, checked, head, unkeyed, ...(expectedHead ? { expectedHeadAt } : {}) };
}
