import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";

/**
 * A database of one test file's own: PGlite in a fresh temporary directory, or the Postgres of
 * DATABASE_URL when it is set (as `npm test`'s Postgres pass does). Call it at the top of the
 * file, before the modules that open the database are imported (`await import(...)`); it opens
 * and migrates the database before the file's tests and closes and removes it after them.
 */
export function withTempDatabase(tag: string): { backend: "Postgres" | "PGlite"; dataDir: string } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `roster-${tag}-`));
  process.env.ROSTER_DATA_DIR = path.join(dataDir, "pglite");
  beforeAll(async () => {
    const { getDb } = await import("../db");
    await getDb();
  }, 180_000); // creating PGlite's directory (initdb) takes long on a busy machine
  afterAll(async () => {
    const { closeDb } = await import("../db");
    await closeDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { backend: process.env.DATABASE_URL ? "Postgres" : "PGlite", dataDir };
}
