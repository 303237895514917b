import { sql } from "drizzle-orm";
import { check, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** People who may sign in to Roster, with their Roster role. */
export const operators = pgTable(
  "operators",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Normalised: trimmed, lower-cased. */
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    /** scrypt hash (see lib/auth/password.ts); null for single-sign-on-only operators. */
    passwordHash: text("password_hash"),
    role: text("role").notNull(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("operators_role_check", sql`${t.role} in ('viewer', 'requester', 'admin', 'owner')`)],
);

/** The last sync of each provider, shown on the Connections page. */
export const providerSyncs = pgTable("provider_syncs", {
  provider: text("provider").primaryKey(),
  lastSyncAt: timestamp("last_sync_at", { withTimezone: true }),
  lastErrorAt: timestamp("last_error_at", { withTimezone: true }),
  /** `{ status, message }` of the last failure. */
  lastError: jsonb("last_error").$type<{ status: number | null; message: string } | null>(),
  memberCount: integer("member_count"),
});

export type OperatorRow = typeof operators.$inferSelect;
