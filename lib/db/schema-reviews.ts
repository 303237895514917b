import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { ProviderId } from "../providers/types";

/**
 * Access reviews (lib/reviews): a campaign snapshots the memberships in its scope as items
 * when it is created; reviewers decide each item (keep, remove, change role); closing the
 * campaign turns the decisions into audited changes, with each item's outcome stored.
 */
export const accessReviews = pgTable(
  "access_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** What was asked for (lib/reviews/types.ts `ReviewScope`). */
    scope: jsonb("scope").notNull(),
    /** `{ all?: operatorId, providers?: { openai?: operatorId, … } }`. */
    reviewers: jsonb("reviewers").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    /** open → closed (decisions turned into changes). */
    status: text("status").notNull().default("open"),
    /** Repeat every N days (null: once). The next run copies name, scope and reviewers. */
    repeatEveryDays: integer("repeat_every_days"),
    /** The run this one repeats. */
    previousId: uuid("previous_id"),
    itemCount: integer("item_count").notNull().default(0),
    createdBy: uuid("created_by"),
    createdByEmail: text("created_by_email").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedByEmail: text("closed_by_email"),
    /** The audit entry of the last remediation run (its changes are steps under it). */
    remediationAuditId: bigint("remediation_audit_id", { mode: "number" }),
  },
  (t) => [
    check("access_reviews_status_check", sql`${t.status} in ('open', 'closed')`),
    index("access_reviews_created_idx").on(t.createdAt),
  ],
);

export const accessReviewItems = pgTable(
  "access_review_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => accessReviews.id, { onDelete: "cascade" }),
    provider: text("provider").$type<ProviderId>().notNull(),
    memberId: text("member_id").notNull(),
    email: text("email"),
    name: text("name").notNull(),
    role: text("role").notNull(),
    roleId: text("role_id").notNull(),
    adminLevel: boolean("admin_level").notNull().default(false),
    /** Workspace and team-granted roles, with where each comes from. */
    scopedRoles: jsonb("scoped_roles"),
    addedAt: text("added_at"),
    managed: boolean("managed").notNull().default(false),
    reviewerId: uuid("reviewer_id").notNull(),
    reviewerEmail: text("reviewer_email").notNull(),
    /** null (open), keep, remove, change_role. */
    decision: text("decision"),
    newRole: text("new_role"),
    reason: text("reason"),
    decidedByEmail: text("decided_by_email"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** After remediation: done, skipped, failed, waiting (for a second admin's approval). */
    outcome: text("outcome"),
    /** Why skipped, the provider's words when failed. */
    outcomeDetail: text("outcome_detail"),
    auditId: bigint("audit_id", { mode: "number" }),
    changeRequestId: uuid("change_request_id"),
    remediatedAt: timestamp("remediated_at", { withTimezone: true }),
  },
  (t) => [
    check("access_review_items_decision_check", sql`${t.decision} is null or ${t.decision} in ('keep', 'remove', 'change_role')`),
    check("access_review_items_outcome_check", sql`${t.outcome} is null or ${t.outcome} in ('done', 'skipped', 'failed', 'waiting')`),
    index("access_review_items_campaign_idx").on(t.campaignId, t.id),
    index("access_review_items_reviewer_idx").on(t.campaignId, t.reviewerId, t.id),
  ],
);

export type AccessReviewRow = typeof accessReviews.$inferSelect;
export type AccessReviewItemRow = typeof accessReviewItems.$inferSelect;
