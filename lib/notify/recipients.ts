import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import { getDb } from "../db";
import { operators } from "../db/schema";
import type { Recipient } from "./events";

/** Who is told: active operators only, read from the database at the time of the event. */

/** Admins and owners (who may approve a request, and who see failures), without `except` (the requester). */
export async function admins(except: string | null = null): Promise<Recipient[]> {
  const db = await getDb();
  return db
    .select({ id: operators.id, email: operators.email })
    .from(operators)
    .where(and(inArray(operators.role, ["admin", "owner"]), isNull(operators.disabledAt), except ? ne(operators.id, except) : undefined))
    .orderBy(operators.email);
}

export async function activeOperators(ids: readonly string[]): Promise<Recipient[]> {
  if (!ids.length) return [];
  const db = await getDb();
  return db
    .select({ id: operators.id, email: operators.email })
    .from(operators)
    .where(and(inArray(operators.id, [...ids]), isNull(operators.disabledAt)));
}

/** How an operator is named in a message: their name, else their email. */
export async function nameOf(id: string | null, fallback: string): Promise<string> {
  if (!id) return fallback;
  const db = await getDb();
  const [row] = await db.select({ name: operators.name }).from(operators).where(eq(operators.id, id));
  return row?.name?.trim() || fallback;
}
