import { eq, sql } from "drizzle-orm";
import { isRosterRole, type Operator } from "../auth/roles";
import { getDb } from "../db";
import { type OperatorRow, operators } from "../db/schema";
import { normaliseEmail } from "../email";
import { cachedOperatorRow, writingOperators } from "./cache";

function toOperator(row: OperatorRow): Operator | null {
  if (row.disabledAt || !isRosterRole(row.role)) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role, mustChangePassword: row.mustChangePassword };
}

/** The operator with this email, with their password hash, for sign-in. */
export async function findOperatorForSignIn(email: string) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(operators)
    .where(eq(operators.email, normaliseEmail(email)))
    .limit(1);
  if (!row) return null;
  const operator = toOperator(row);
  return operator ? { operator, passwordHash: row.passwordHash } : null;
}

/**
 * An enabled operator by id, for a session signed in at `sessionVersion`; null when
 * missing, disabled or the session is older than the operator's current version (signed
 * out, disabled, role or password changed since), so that session stops working. The row
 * comes from a short-lived cache that every write to the operators table on this server
 * empties (lib/operators/cache.ts): this server refuses at the next request, another one
 * sharing the database within ROSTER_AUTH_CACHE_MS.
 */
export async function findActiveOperator(id: string, sessionVersion: unknown): Promise<Operator | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id) || typeof sessionVersion !== "number") return null;
  const row = await cachedOperatorRow(id, async () => {
    const db = await getDb();
    const [found] = await db.select().from(operators).where(eq(operators.id, id)).limit(1);
    return found ?? null;
  });
  return row && row.sessionVersion === sessionVersion ? toOperator(row) : null;
}

/** The session version a new session of this operator starts at. */
export async function currentSessionVersion(id: string): Promise<number | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const db = await getDb();
  const [row] = await db.select({ v: operators.sessionVersion }).from(operators).where(eq(operators.id, id)).limit(1);
  return row?.v ?? null;
}

/** Ends every session of this operator (sign-out): their next request is refused. */
export async function endSessions(id: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return;
  const db = await getDb();
  await writingOperators(() =>
    db
      .update(operators)
      .set({ sessionVersion: sql`${operators.sessionVersion} + 1` })
      .where(eq(operators.id, id)),
  );
}
