import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

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

/**
 * The audit log: append-only. Every attempted change writes an `attempt` row before any
 * provider call, then a `result` row (pointing at its attempt) with the outcome; a change
 * refused by Roster's own rules is one `attempt` row with outcome `refused`. Each row holds
 * the hash of the row before it, so an edited or deleted row breaks the chain
 * (lib/audit/chain.ts, `npm run audit:verify`).
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    kind: text("kind").notNull(),
    attemptId: bigint("attempt_id", { mode: "number" }),
    actorId: uuid("actor_id"),
    actorEmail: text("actor_email").notNull(),
    actorRole: text("actor_role").notNull(),
    action: text("action").notNull(),
    provider: text("provider"),
    targetId: text("target_id"),
    targetEmail: text("target_email"),
    before: jsonb("before"),
    after: jsonb("after"),
    outcome: text("outcome").notNull(),
    providerStatus: integer("provider_status"),
    providerMessage: text("provider_message"),
    requestId: text("request_id"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull().unique(),
  },
  (t) => [
    check("audit_events_kind_check", sql`${t.kind} in ('attempt', 'result')`),
    check("audit_events_outcome_check", sql`${t.outcome} in ('pending', 'success', 'failure', 'refused')`),
    index("audit_events_attempt_idx").on(t.attemptId),
    index("audit_events_at_idx").on(t.at),
  ],
);

export type AuditRow = typeof auditEvents.$inferSelect;
