import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getDb, migrationsFolder } from "../db";
import { withoutConnectionString } from "../db/migrate.mjs";
import { readSyncLog } from "../directory/sync-log";
import { configuredProviders } from "../providers/registry";
import type { ProviderId } from "../providers/types";

/**
 * What `GET /api/ready` answers: whether the database is reachable and fully migrated,
 * and how old each provider's last sync is. No member data and no secrets: an
 * orchestrator or a monitor may call it without signing in.
 */

export interface ProviderReadiness {
  id: ProviderId;
  mode: string;
  /** Seconds since the last successful sync; null before the first. */
  lastSyncAgeSeconds: number | null;
  /** `ok` when the last sync succeeded after the last error, `failing` otherwise, `never` before any. */
  state: "ok" | "failing" | "never";
}

export interface Readiness {
  ready: boolean;
  database: { reachable: boolean; migrated: boolean; pending?: number; error?: string };
  providers: ProviderReadiness[];
}

function expectedMigrations(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  return journal.entries.length;
}

async function appliedMigrations(): Promise<number> {
  const db = await getDb();
  const result = await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  const rows = (result as unknown as { rows?: Array<{ n: number }> }).rows ?? (result as unknown as Array<{ n: number }>);
  return Number(rows[0]?.n ?? 0);
}

/** The database error in words an operator can act on, without the connection string. */
function databaseError(error: unknown): string {
  return withoutConnectionString(error instanceof Error ? error.message : error).slice(0, 300);
}

export async function readiness(now = Date.now()): Promise<Readiness> {
  let database: Readiness["database"];
  try {
    const pending = expectedMigrations() - (await appliedMigrations());
    database = { reachable: true, migrated: pending <= 0, ...(pending > 0 ? { pending } : {}) };
  } catch (error) {
    database = { reachable: false, migrated: false, error: databaseError(error) };
  }
  let rows: Awaited<ReturnType<typeof readSyncLog>> = [];
  if (database.reachable) rows = await readSyncLog().catch(() => []);
  const providers = configuredProviders().map(({ settings }): ProviderReadiness => {
    const row = rows.find((r) => r.provider === settings.id);
    const synced = row?.lastSyncAt?.getTime() ?? null;
    const failed = row?.lastErrorAt?.getTime() ?? null;
    return {
      id: settings.id,
      mode: settings.mode,
      lastSyncAgeSeconds: synced === null ? null : Math.max(0, Math.round((now - synced) / 1000)),
      state: synced === null && failed === null ? "never" : failed !== null && (synced === null || failed > synced) ? "failing" : "ok",
    };
  });
  return { ready: database.reachable && database.migrated, database, providers };
}
