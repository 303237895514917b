import { eq } from "drizzle-orm";
import { isRosterRole, type Operator } from "../auth/roles";
import { getDb } from "../db";
import { type OperatorRow, operators } from "../db/schema";
import { normaliseEmail } from "./bootstrap";

function toOperator(row: OperatorRow): Operator | null {
  if (row.disabledAt || !isRosterRole(row.role)) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

/** The operator with this email, with their password hash, for sign-in. */
export async function findOperatorForSignIn(email: string) {
  const db = await getDb();
  const [row] = await db.select().from(operators).where(eq(operators.email, normaliseEmail(email))).limit(1);
  if (!row) return null;
  const operator = toOperator(row);
  return operator ? { operator, passwordHash: row.passwordHash } : null;
}

/** An enabled operator by id; null when missing or disabled (so their session stops working). */
export async function findActiveOperator(id: string): Promise<Operator | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const db = await getDb();
  const [row] = await db.select().from(operators).where(eq(operators.id, id)).limit(1);
  return row ? toOperator(row) : null;
}
