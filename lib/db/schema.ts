import { sql } from "drizzle-orm";
import type { ChangeState, InviteItemProject, InviteItemState, InviteRequestStatus, RequestKind } from "../invites/types";
import type { ReadReportData } from "../providers/read-report";
import type { ProviderId } from "../providers/types";
import type { Operator } from "../auth/roles";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

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
    /**
     * Sessions carry the version they were signed in at; sign-out, disabling, a role change
     * and a password change bump it, so every older session stops at its next request.
     */
    sessionVersion: integer("session_version").notNull().default(0),
    /** Set when an owner chose the password: the operator must choose their own at first sign-in. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
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
    /** The entry this attempt is a step of (remove everywhere's removals, a new service account's role). */
    parentId: bigint("parent_id", { mode: "number" }),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull().unique(),
  },
  (t) => [
    check("audit_events_kind_check", sql`${t.kind} in ('attempt', 'result')`),
    check("audit_events_outcome_check", sql`${t.outcome} in ('pending', 'success', 'failure', 'refused', 'skipped')`),
    index("audit_events_attempt_idx").on(t.attemptId),
    index("audit_events_parent_idx").on(t.parentId),
    index("audit_events_at_idx").on(t.at),
  ],
);

export type AuditRow = typeof auditEvents.$inferSelect;

/**
 * Invite requests: someone asks for one or more people to be invited to one or more
 * providers; an admin other than the requester approves (then the invites are sent) or
 * rejects. Stored before anything else happens (lib/invites).
 */
export const inviteRequests = pgTable(
  "invite_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requesterId: uuid("requester_id")
      .notNull()
      .references(() => operators.id),
    requesterEmail: text("requester_email").notNull(),
    reason: text("reason").notNull(),
    status: text("status").$type<InviteRequestStatus>().notNull().default("pending"),
    decidedBy: uuid("decided_by").references(() => operators.id),
    decidedByEmail: text("decided_by_email"),
    decisionReason: text("decision_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /**
     * What the request asks for: `invite` (its items), or one change under the two-person
     * rule (lib/invites/change-requests.ts), described by `change` (never a secret).
     */
    kind: text("kind").$type<RequestKind>().notNull().default("invite"),
    change: jsonb("change"),
    /** A change request once approved: queued → performing → done | failed (one claim performs it). */
    changeState: text("change_state").$type<ChangeState>(),
    /** What the change did (ids, audit id) or why it failed; never a secret. */
    changeResult: jsonb("change_result"),
  },
  (t) => [
    check("invite_requests_status_check", sql`${t.status} in ('pending', 'approved', 'rejected', 'cancelled', 'expired')`),
    check("invite_requests_kind_check", sql`${t.kind} in ('invite', 'arthur_user', 'admin_role', 'service_account', 'mass_change')`),
    check("invite_requests_change_state_check", sql`${t.changeState} in ('queued', 'performing', 'done', 'failed')`),
    index("invite_requests_status_idx").on(t.status, t.createdAt),
  ],
);

/**
 * The mass-change guard's ledger (lib/changes/mass-change.ts): one row per change an
 * operator ran alone, with the memberships it touched, counted over a sliding window.
 * Written in the same transaction as the count, under a per-operator advisory lock, so
 * several servers on one Postgres cannot both pass the threshold.
 */
export const massChanges = pgTable(
  "mass_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    operatorId: uuid("operator_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    memberships: integer("memberships").notNull(),
  },
  (t) => [index("mass_changes_operator_at_idx").on(t.operatorId, t.at)],
);

/**
 * One row per email × provider of a request. `state` moves queued → sending → sent |
 * skipped | failed; a claim is a conditional UPDATE on the state (and `attempts`), so
 * each item is sent by one server at a time. `leaseExpiresAt` is when an item left
 * `sending` may be taken as abandoned (the server died) and reconciled.
 */
export const inviteRequestItems = pgTable(
  "invite_request_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => inviteRequests.id),
    /** Normalised: trimmed, lower-cased. */
    email: text("email").notNull(),
    provider: text("provider").$type<ProviderId>().notNull(),
    roleId: text("role_id").notNull(),
    roleName: text("role_name").notNull(),
    /** OpenAI: the projects the invitee joins on accepting (id, project role, name then); null: none. */
    projects: jsonb("projects").$type<InviteItemProject[] | null>(),
    state: text("state").$type<InviteItemState>().notNull().default("queued"),
    skipReason: text("skip_reason"),
    providerInviteId: text("provider_invite_id"),
    errorStatus: integer("error_status"),
    errorMessage: text("error_message"),
    /** A send whose outcome Roster could not see (timeout, 5xx): the invite may exist; a retry checks first. */
    maybeSent: boolean("maybe_sent").notNull().default(false),
    /** How many times Roster took this item up (each claim bumps it). */
    attempts: integer("attempts").notNull().default(0),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("invite_request_items_request_email_provider_key").on(t.requestId, t.email, t.provider),
    check("invite_request_items_state_check", sql`${t.state} in ('queued', 'sending', 'sent', 'skipped', 'failed')`),
    index("invite_request_items_provider_invite_idx").on(t.provider, t.providerInviteId),
  ],
);

/**
 * Invites Roster sent to a provider that cannot list its invites (Arthur): shown as
 * pending until the member appears there.
 */
export const arthurInviteLedger = pgTable(
  "arthur_invite_ledger",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    provider: text("provider").$type<ProviderId>().notNull().default("arthur"),
    /** Normalised: trimmed, lower-cased. */
    email: text("email").notNull(),
    roleId: text("role_id").notNull(),
    roleName: text("role_name").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    requestItemId: uuid("request_item_id")
      .notNull()
      .unique()
      .references(() => inviteRequestItems.id),
  },
  (t) => [index("arthur_invite_ledger_email_idx").on(t.provider, t.email)],
);

export type InviteRequestRow = typeof inviteRequests.$inferSelect;
export type InviteRequestItemRow = typeof inviteRequestItems.$inferSelect;
export type ArthurLedgerRow = typeof arthurInviteLedger.$inferSelect;

/**
 * The directory snapshot of each provider, shared by every Roster server on this
 * database: the last full read (`members`, JSON text) and a revision counter. A full
 * sync replaces `members` and sets `syncRevision = revision`; a change made through
 * Roster adds a row to `directory_patches` and bumps `revision`, so another server
 * catches up by reading only the patches after the revision it holds.
 */
export const directorySnapshots = pgTable("directory_snapshots", {
  provider: text("provider").$type<ProviderId>().primaryKey(),
  /**
   * Which connection the list was read from (a hash of base URL, organization and key):
   * a server configured for another organization, or another sandbox, ignores it.
   */
  source: text("source").notNull().default(""),
  revision: bigint("revision", { mode: "number" }).notNull(),
  syncRevision: bigint("sync_revision", { mode: "number" }).notNull(),
  fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull(),
  memberCount: integer("member_count").notNull(),
  /** Every member and pending invite: a JSON array, gzip-compressed and base64 (`gz:` prefix). */
  members: text("members").notNull(),
  /** What the read noted (deviations, parts it could not read), so a restarted server still shows it. */
  readReport: jsonb("read_report").$type<ReadReportData>(),
});

/** A change to one member of a snapshot after its full sync: `member` null means removed. */
export const directoryPatches = pgTable(
  "directory_patches",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    provider: text("provider").$type<ProviderId>().notNull(),
    revision: bigint("revision", { mode: "number" }).notNull(),
    memberId: text("member_id").notNull(),
    member: jsonb("member"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("directory_patches_provider_revision_idx").on(t.provider, t.revision)],
);

/**
 * Failed sign-ins, one row each, keyed by `email:<address>` and `ip:<address>`: the
 * throttle counts the rows of the last minute. Shared by every server on the database.
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    key: text("key").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_failures_key_at_idx").on(t.key, t.at)],
);

/**
 * Idempotency keys (`Idempotency-Key` header on a change): the first answer to a key, per
 * operator, kept for a day so a repeated request gets that answer instead of a second change.
 * `status` is null while the first request runs. Shared by every server on the database.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    operatorId: uuid("operator_id").notNull(),
    key: text("key").notNull(),
    /** A hash of method, path, query and body: the same key for another request is refused. */
    fingerprint: text("fingerprint").notNull(),
    status: integer("status"),
    contentType: text("content_type"),
    body: text("body"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.operatorId, t.key] }), index("idempotency_keys_created_at_idx").on(t.createdAt)],
);

/**
 * API tokens for automation (lib/tokens): an owner-made bearer secret with a Roster role, an
 * optional provider limit and an expiry. Only the SHA-256 of the secret is kept; the secret
 * is shown once. The name is the audit actor (`token:<name>`) and is unique among tokens not
 * revoked. `lastUsedAt` is written at most once a minute per token.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** Hex SHA-256 of the whole secret (`roster_pat_…`). */
    secretHash: text("secret_hash").notNull().unique(),
    role: text("role").notNull(),
    /** The providers it may act on; null: every provider. */
    providers: jsonb("providers").$type<ProviderId[] | null>(),
    createdBy: uuid("created_by").references(() => operators.id),
    createdByEmail: text("created_by_email").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedByEmail: text("revoked_by_email"),
  },
  (t) => [
    check("api_tokens_role_check", sql`${t.role} in ('viewer', 'requester', 'admin', 'owner')`),
    uniqueIndex("api_tokens_active_name_key")
      .on(t.name)
      .where(sql`${t.revokedAt} is null`),
  ],
);

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/**
 * A bulk change run by the job engine (lib/jobs/bulk.ts): who started it, and when it
 * finished. Its items are in `bulk_items`; the operator is kept whole so the job performs
 * each change as them, with their role's rules, on whichever server takes it up.
 */
export const bulkRuns = pgTable("bulk_runs", {
  id: uuid("id").primaryKey(),
  operator: jsonb("operator").$type<Operator>().notNull(),
  requestId: text("request_id").notNull(),
  total: integer("total").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});

/**
 * One change of a bulk run. Claimed (queued → running) by one conditional UPDATE before it
 * runs, under a lease; an item left `running` by a server that died is taken up again once
 * its lease ends, knowing an earlier attempt may have reached the provider.
 */
export const bulkItems = pgTable(
  "bulk_items",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => bulkRuns.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    change: jsonb("change").notNull(),
    label: text("label").notNull(),
    state: text("state").$type<"queued" | "running" | "succeeded" | "failed">().notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    error: jsonb("error").$type<{ status: number | null; code: string; message: string } | null>(),
    /** What a done item did beyond the change itself (held for approval, found done by an earlier attempt). */
    note: text("note"),
    auditId: bigint("audit_id", { mode: "number" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.position] }),
    index("bulk_items_state_idx").on(t.state),
    check("bulk_items_state_check", sql`${t.state} in ('queued', 'running', 'succeeded', 'failed')`),
  ],
);

export type BulkRunRow = typeof bulkRuns.$inferSelect;
export type BulkItemRow = typeof bulkItems.$inferSelect;

// Access reviews have a room of their own (lib/reviews); drizzle-kit reads them through this export.
export * from "./schema-reviews";

/**
 * Notifications (lib/notify): each operator's choice, per event, of email on or off. No row
 * means the event's default (on). The webhook is organization-wide (ROSTER_NOTIFY_WEBHOOK_URL);
 * deliveries themselves are pg-boss jobs.
 */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    operatorId: uuid("operator_id")
      .notNull()
      .references(() => operators.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    email: boolean("email").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.operatorId, t.event] })],
);
export * from "./schema-outside";
