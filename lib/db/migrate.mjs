// Plain JavaScript, so the container's entrypoint (scripts/entrypoint.mjs) can run it from the
// standalone output, where no TypeScript is compiled; lib/db/index.ts uses the same function.
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";

/**
 * A database error's own words without any connection string (it holds the password).
 * @param {unknown} text
 * @returns {string}
 */
export function withoutConnectionString(text) {
  return String(text).replace(/postgres(?:ql)?:\/\/\S+/gi, "postgres://…");
}

/** Held while migrating, so servers starting at once against one database migrate one at a time. */
export const MIGRATION_LOCK = 727274;

/**
 * Applies every migration in `migrationsFolder` to the Postgres behind `pool` (a pg Pool),
 * under an advisory lock.
 * @param {import("pg").Pool} pool
 * @param {string} migrationsFolder
 */
export async function migratePostgres(pool, migrationsFolder) {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migrate(drizzle(pool), { migrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
