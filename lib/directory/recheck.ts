/**
 * How often a server asks the database whether another server changed the directory
 * (lib/directory/snapshot.ts `catchUp`). On Postgres several servers may share it: every
 * `ROSTER_DIRECTORY_RECHECK_MS` (default 1000), so another server's sync or change shows
 * here within that time. Embedded PGlite belongs to one process, which makes every change
 * itself and holds it in memory at once: it reads the stored directory when it starts and
 * then only when one of its own writes left its copy unsure (see `markUnsure`).
 * Changes made through this server show at once either way.
 */

export function directoryRecheckMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ROSTER_DIRECTORY_RECHECK_MS;
  const n = Number(raw);
  if (raw !== undefined && raw.trim() !== "" && Number.isFinite(n) && n >= 0) return n;
  return env.DATABASE_URL?.trim() ? 1000 : Number.POSITIVE_INFINITY;
}

interface RecheckState {
  /** When the last complete check started (ms); null: never, or unsure since. */
  checkedAt: number | null;
}

const globalForRecheck = globalThis as unknown as { __rosterDirectoryRecheck?: RecheckState };

function state(): RecheckState {
  return (globalForRecheck.__rosterDirectoryRecheck ??= { checkedAt: null });
}

/** True when this server's copy may be behind the stored directory and should be checked now. */
export function recheckDue(now = Date.now()): boolean {
  const { checkedAt } = state();
  return checkedAt === null || now - checkedAt >= directoryRecheckMs();
}

/** A check that started at `startedAt` read every stored revision. */
export function markChecked(startedAt: number): void {
  state().checkedAt = startedAt;
}

/** This server's copy may differ from what is stored (a write failed or raced another): check at the next read. */
export function markUnsure(): void {
  state().checkedAt = null;
}
