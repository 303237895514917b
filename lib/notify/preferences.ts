import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "../db";
import { notificationPreferences } from "../db/schema";
import { NOTIFY_EVENTS, type NotificationPreferences, type NotificationPreferencesPatch, type NotifyEventName } from "./types";

/** Each operator's email choice per event; an event never chosen is on. */

const defaults = (): NotificationPreferences["email"] =>
  Object.fromEntries(NOTIFY_EVENTS.map((e) => [e, true])) as NotificationPreferences["email"];

export async function preferencesOf(operatorId: string): Promise<NotificationPreferences> {
  const db = await getDb();
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.operatorId, operatorId));
  const email = defaults();
  for (const row of rows) if ((NOTIFY_EVENTS as readonly string[]).includes(row.event)) email[row.event as NotifyEventName] = row.email;
  return { email };
}

export async function savePreferences(operatorId: string, patch: NotificationPreferencesPatch): Promise<NotificationPreferences> {
  const entries = Object.entries(patch.email).filter((e): e is [NotifyEventName, boolean] => typeof e[1] === "boolean");
  if (entries.length) {
    const db = await getDb();
    await db
      .insert(notificationPreferences)
      .values(entries.map(([event, email]) => ({ operatorId, event, email })))
      .onConflictDoUpdate({
        target: [notificationPreferences.operatorId, notificationPreferences.event],
        set: { email: sql`excluded.email`, updatedAt: new Date() },
      });
  }
  return preferencesOf(operatorId);
}

/** Of these operators, the ones who turned email off for `event`. */
export async function emailOff(operatorIds: readonly string[], event: NotifyEventName): Promise<Set<string>> {
  if (!operatorIds.length) return new Set();
  const db = await getDb();
  const rows = await db
    .select({ id: notificationPreferences.operatorId })
    .from(notificationPreferences)
    .where(
      and(
        inArray(notificationPreferences.operatorId, [...operatorIds]),
        eq(notificationPreferences.event, event),
        eq(notificationPreferences.email, false),
      ),
    );
  return new Set(rows.map((r) => r.id));
}
