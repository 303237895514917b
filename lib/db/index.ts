import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

/**
 * The database: real Postgres when DATABASE_URL is set, otherwise embedded PGlite in
 * ROSTER_DATA_DIR (default .data/). Opened lazily on first use (never at import time,
 * because `next build` imports route modules), migrated once, shared through globalThis
 * so dev reloads and several route modules use one connection.
 */

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** What opened the database, for a library that needs its own connection to it (lib/jobs: pg-boss). */
export type RawDatabase = { kind: "postgres"; url: string } | { kind: "pglite"; client: import("@electric-sql/pglite").PGlite };

interface Handle {
  db: Db;
  kind: "postgres" | "pglite";
  raw: RawDatabase;
  close(): Promise<void>;
}

const globalForDb = globalThis as unknown as { __rosterDb?: Promise<Handle> };

export function migrationsFolder(): string {
  return path.join(process.cwd(), "lib", "db", "migrations");
}

async function openPostgres(url: string): Promise<Handle> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migratePostgres, withoutConnectionString } = await import("./migrate.mjs");
  const { log } = await import("../log");
  const pool = new Pool({ connectionString: url, max: Number(process.env.ROSTER_DB_POOL ?? 10) });
  // An idle connection the database dropped (restart, failover, network) is an event, not a
  // crash: the pool replaces it, and /api/ready reports the database until it answers again.
  pool.on("error", (error) => {
    log.warn(`An idle database connection failed: ${withoutConnectionString(error.message)}`);
  });
  try {
    await migratePostgres(pool, migrationsFolder());
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return { db: drizzle(pool, { schema }) as unknown as Db, kind: "postgres", raw: { kind: "postgres", url }, close: () => pool.end() };
}

/** Smaller buffers than PGlite's defaults: Roster's database is small, and it shares the server's memory. */
const PGLITE_SETTINGS = ["-c", "shared_buffers=32MB", "-c", "work_mem=8MB"];

/**
 * Creates a new PGlite data directory in a child process. Creating one (initdb) grows the
 * WebAssembly heap to ~700 MB, and a WebAssembly heap never shrinks: done in the server
 * itself, the server would hold that memory for as long as it runs.
 */
async function initPgliteDir(target: string): Promise<void> {
  if (fs.existsSync(path.join(target, "PG_VERSION"))) return;
  const { execFile } = await import("node:child_process");
  const script = `import { PGlite } from "@electric-sql/pglite"; const db = await PGlite.create(${JSON.stringify(target)}); await db.close();`;
  await new Promise<void>((resolve, reject) =>
    execFile(process.execPath, ["--input-type=module", "-e", script], { cwd: process.cwd() }, (error, _out, stderr) =>
      error ? reject(new Error(`could not create the PGlite database in ${target}: ${stderr || error.message}`)) : resolve(),
    ),
  );
}

async function openPglite(dataDir: string): Promise<Handle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  let target = dataDir;
  if (!dataDir.startsWith("memory://")) {
    target = path.resolve(dataDir);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await initPgliteDir(target);
  }
  const client = await PGlite.create(target, { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] });
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: migrationsFolder() });
  return { db: db as unknown as Db, kind: "pglite", raw: { kind: "pglite", client }, close: () => client.close() };
}

export function openDatabase(env: NodeJS.ProcessEnv = process.env): Promise<Handle> {
  const url = env.DATABASE_URL?.trim();
  return url ? openPostgres(url) : openPglite(env.ROSTER_DATA_DIR?.trim() || ".data/pglite");
}

async function bootstrap(handle: Handle): Promise<Handle> {
  const { ensureBootstrapOperators } = await import("../operators/bootstrap");
  await ensureBootstrapOperators(handle.db);
  return handle;
}

/** The shared database handle, opened and bootstrapped on first call. */
export function getDb(): Promise<Db> {
  if (!globalForDb.__rosterDb) {
    globalForDb.__rosterDb = openDatabase().then(bootstrap);
    globalForDb.__rosterDb.catch(() => {
      globalForDb.__rosterDb = undefined;
    });
  }
  return globalForDb.__rosterDb.then((h) => h.db);
}

/** The shared database's connection details (opened on first call, as `getDb`). */
export async function getRawDb(): Promise<RawDatabase> {
  await getDb();
  return (await globalForDb.__rosterDb!).raw;
}

export async function closeDb(): Promise<void> {
  const handle = globalForDb.__rosterDb;
  globalForDb.__rosterDb = undefined;
  if (handle) await (await handle).close();
}

export { schema };
