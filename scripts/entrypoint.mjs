// The container's start (Dockerfile) and the standalone system test's: run from the
// standalone output's root, next to server.js. It migrates the database before the server
// listens, so a wrong DATABASE_URL stops the start with the variable named, then starts
// Next's standalone server in this process with Roster's own SIGTERM drain (lib/shutdown.ts).
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
process.env.NEXT_MANUAL_SIG_HANDLE ??= "true";
process.env.NODE_ENV = "production";

const url = process.env.DATABASE_URL?.trim();
if (url) {
  const started = Date.now();
  // Loaded only for Postgres: PGlite needs none of it.
  const { migratePostgres, withoutConnectionString } = await import("../lib/db/migrate.mjs");
  let pool;
  try {
    const { Pool } = await import("pg");
    pool = new Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000 });
    await migratePostgres(pool, path.join(root, "lib", "db", "migrations"));
    console.log(JSON.stringify({ level: "info", service: "roster", msg: `database migrated in ${Date.now() - started} ms` }));
  } catch (error) {
    const message =
      `DATABASE_URL: could not connect to Postgres and migrate it: ${withoutConnectionString(error?.message ?? error)}. ` +
      "It must be postgres://user:password@host:5432/database, reachable from here.";
    console.error(JSON.stringify({ level: "fatal", service: "roster", msg: message }));
    process.exit(1);
  } finally {
    await pool?.end().catch(() => undefined);
  }
} else {
  // PGlite: the server creates and migrates its data directory before its first answer (lib/db).
  console.log(JSON.stringify({ level: "info", service: "roster", msg: "DATABASE_URL is not set: embedded PGlite (single process)" }));
}

await import(path.join(root, "server.js"));
