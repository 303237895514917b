import { createHash } from "node:crypto";
import { asc, gt } from "drizzle-orm";
import type { Db } from "../db";
import { type AuditRow, auditEvents } from "../db/schema";

/**
 * The audit hash chain: each row's hash covers its own content and the hash of the row
 * before it. Editing a row changes its hash; deleting one breaks the link of the next.
 */

export const GENESIS_HASH = "0".repeat(64);

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

export function hashEntry(prevHash: string, content: AuditContent): string {
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
  });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first row that does not verify, and why. */
  broken?: { id: number; reason: string };
}

/** Walks the whole log in id order, in batches, and checks every link. */
export async function verifyChain(db: Db, batchSize = 2_000): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.id, lastId)).orderBy(asc(auditEvents.id)).limit(batchSize);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.prevHash !== prev) {
        return {
          ok: false,
          checked,
          broken: { id: row.id, reason: `row ${row.id} does not follow the row before it (a row before it was deleted or changed)` },
        };
      }
      const expected = hashEntry(row.prevHash, row);
      if (expected !== row.hash) {
        return { ok: false, checked, broken: { id: row.id, reason: `row ${row.id} was changed after it was written` } };
      }
      prev = row.hash;
      lastId = row.id;
      checked++;
    }
  }
}
