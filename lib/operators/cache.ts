import type { OperatorRow } from "../db/schema";

/**
 * Operator rows as this server last read them, for the session check every request makes
 * (lib/operators/repository.ts `findActiveOperator`). A row is kept at most
 * `ROSTER_AUTH_CACHE_MS` (default 2000; 0 turns the cache off). Every write to the
 * operators table on this server empties the cache once the write is done
 * (`forgetOperators`), so on this server a disable, a role change, a password change or a
 * sign-out is refused at the very next request; another server sharing Postgres notices
 * within `ROSTER_AUTH_CACHE_MS`. A read that started before a write cannot put the old row
 * back: a write moves the generation, and a read stores its row only if the generation it
 * started in is still current.
 */

interface Entry {
  row: OperatorRow | null;
  at: number;
}

interface OperatorCache {
  entries: Map<string, Entry>;
  generation: number;
}

const MAX_ENTRIES = 1000;
const globalForCache = globalThis as unknown as { __rosterOperatorCache?: OperatorCache };

function cache(): OperatorCache {
  return (globalForCache.__rosterOperatorCache ??= { entries: new Map(), generation: 0 });
}

export function authCacheMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ROSTER_AUTH_CACHE_MS;
  const n = Number(raw);
  return raw !== undefined && raw.trim() !== "" && Number.isFinite(n) && n >= 0 ? n : 2000;
}

/** The operator row by id, from the cache while it is young enough, else from `read`. */
export async function cachedOperatorRow(id: string, read: () => Promise<OperatorRow | null>): Promise<OperatorRow | null> {
  const ttl = authCacheMs();
  if (ttl === 0) return read();
  const c = cache();
  const hit = c.entries.get(id);
  if (hit && Date.now() - hit.at < ttl) return hit.row;
  const generation = c.generation;
  const at = Date.now();
  const row = await read();
  if (c.generation === generation) {
    if (c.entries.size >= MAX_ENTRIES) c.entries.clear();
    c.entries.set(id, { row, at });
  }
  return row;
}

/** After any write to the operators table: this server reads every operator afresh. */
export function forgetOperators(): void {
  const c = cache();
  c.generation++;
  c.entries.clear();
}

/** Runs a write to the operators table, then forgets every cached row (whether it succeeded or not). */
export async function writingOperators<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } finally {
    forgetOperators();
  }
}
