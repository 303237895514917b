import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique } from "drizzle-orm/pg-core";
import type { ProviderChange, ProviderId } from "../providers/types";

/**
 * Changes made outside Roster (lib/governance): each membership change a provider's own
 * audit log records and Roster's audit log does not account for, stored once per provider
 * event id, and how far each provider's log has been read.
 */
export const outsideChanges = pgTable(
  "outside_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    provider: text("provider").$type<ProviderId>().notNull(),
    /** The provider's id of its log entry: a second read of the same entry stores nothing. */
    eventId: text("event_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    action: text("action").$type<ProviderChange["action"]>().notNull(),
    targetId: text("target_id"),
    /** The entry's email, or the member's as the directory knew it when the change was read. */
    email: text("email"),
    role: text("role"),
    actorKind: text("actor_kind").$type<ProviderChange["actor"]["kind"]>().notNull(),
    actorId: text("actor_id"),
    actorEmail: text("actor_email"),
    detectedAt: timestamp("detected_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("outside_changes_event_unique").on(t.provider, t.eventId),
    index("outside_changes_at_idx").on(t.at),
    index("outside_changes_email_idx").on(t.email),
    index("outside_changes_target_idx").on(t.provider, t.targetId),
  ],
);

/** Where each background read of a provider stands (`kind`: `audit` for its audit log). */
export const providerReads = pgTable(
  "provider_reads",
  {
    provider: text("provider").$type<ProviderId>().notNull(),
    kind: text("kind").notNull(),
    /** The newest provider time read so far: the next read asks only from here. */
    readUntil: timestamp("read_until", { withTimezone: true }),
    lastReadAt: timestamp("last_read_at", { withTimezone: true }),
    lastError: jsonb("last_error").$type<{ message: string } | null>(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.kind] })],
);

export type OutsideChangeRow = typeof outsideChanges.$inferSelect;

/** Each member's use of a provider over the last read window (OpenAI's usage API by user), replaced by each read. */
export const memberUsage = pgTable(
  "member_usage",
  {
    provider: text("provider").$type<ProviderId>().notNull(),
    memberId: text("member_id").notNull(),
    requests: integer("requests").notNull(),
    lastActiveAt: timestamp("last_active_at", { withTimezone: true }).notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    readAt: timestamp("read_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.memberId] })],
);
