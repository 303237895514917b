import { sql } from "drizzle-orm";
import { getDb } from "../db";
import { providerSyncs } from "../db/schema";
import type { ProviderId } from "../providers/types";
import { log } from "../log";

/** Remembers each provider's last successful sync and last error in the database (Connections page). */
export function recordSync(
  provider: ProviderId,
  result: { ok: true; count: number } | { ok: false; error: { status: number | null; message: string } },
): void {
  const now = new Date();
  const values = result.ok
    ? { provider, lastSyncAt: now, memberCount: result.count }
    : { provider, lastErrorAt: now, lastError: result.error };
  void getDb()
    .then((db) =>
      db
        .insert(providerSyncs)
        .values(values)
        .onConflictDoUpdate({
          target: providerSyncs.provider,
          set: result.ok
            ? { lastSyncAt: now, memberCount: result.count }
            : { lastErrorAt: now, lastError: sql`${JSON.stringify(result.error)}::jsonb` },
        }),
    )
    .catch((error) => log.error({ err: error }, `[roster] could not record the ${provider} sync`));
}

export async function readSyncLog() {
  const db = await getDb();
  return db.select().from(providerSyncs);
}
