import "server-only";
import { and, asc, eq, gt, ilike, inArray, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import { ApiError } from "../api/errors";
import type { Operator } from "../auth/roles";
import { findRole, rolesFor } from "../changes/roles";
import { getDb } from "../db";
import { accessReviewItems, type AccessReviewItemRow } from "../db/schema";
import { PROVIDER_LABELS } from "../providers/types";
import { campaignRow } from "./campaigns";
import type { DecideInput, ItemsPage, ItemsQuery, ReviewDecision, ReviewItem, ReviewOutcome, ScopedRoleView } from "./types";

/** A campaign's items: one page at a time (keyset on the item id), and reviewers' decisions. */

export function toItem(row: AccessReviewItemRow): ReviewItem {
  return {
    id: row.id,
    provider: row.provider,
    memberId: row.memberId,
    email: row.email,
    name: row.name,
    role: row.role,
    adminLevel: row.adminLevel,
    scopedRoles: (row.scopedRoles as ScopedRoleView[] | null) ?? [],
    addedAt: row.addedAt,
    managed: row.managed,
    reviewer: row.reviewerEmail,
    decision: row.decision as ReviewDecision | null,
    newRole: row.newRole,
    reason: row.reason,
    decidedBy: row.decidedByEmail,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    outcome: row.outcome as ReviewOutcome | null,
    outcomeDetail: row.outcomeDetail,
    auditId: row.auditId,
    changeRequestId: row.changeRequestId,
    remediatedAt: row.remediatedAt?.toISOString() ?? null,
  };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listItems(campaignId: string, operator: Operator, query: ItemsQuery): Promise<ItemsPage> {
  await campaignRow(campaignId);
  const t = accessReviewItems;
  const where: SQL[] = [eq(t.campaignId, campaignId)];
  if (query.after) where.push(gt(t.id, query.after));
  if (query.reviewer)
    where.push(query.reviewer === "me" ? eq(t.reviewerId, operator.id) : eq(t.reviewerEmail, query.reviewer.toLowerCase()));
  if (query.provider) where.push(eq(t.provider, query.provider));
  if (query.state === "open") where.push(isNull(t.decision));
  else if (query.state === "decided") where.push(isNotNull(t.decision));
  else if (query.state) where.push(eq(t.decision, query.state));
  if (query.outcome) where.push(eq(t.outcome, query.outcome));
  if (query.adminOnly !== undefined) where.push(eq(t.adminLevel, query.adminOnly));
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    where.push(or(ilike(t.name, like), ilike(t.email, like), ilike(t.role, like))!);
  }
  const db = await getDb();
  const rows = await db
    .select()
    .from(t)
    .where(and(...where))
    .orderBy(asc(t.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return { items: page.map(toItem), next: rows.length > query.limit ? page[page.length - 1].id : null };
}

/**
 * Records decisions (one, or many: bulk keep). Only the item's reviewer or an owner may
 * decide, only while the campaign is open; a new role must be one the provider has.
 * All or nothing: one refused decision refuses the request.
 */
export async function decide(campaignId: string, operator: Operator, input: DecideInput): Promise<{ decided: ReviewItem[] }> {
  const campaign = await campaignRow(campaignId);
  if (campaign.status !== "open")
    throw new ApiError("review_closed", `The access review "${campaign.name}" is closed: decisions can no longer change`);
  const db = await getDb();
  const ids = [...new Set(input.decisions.map((d) => d.itemId))];
  const rows = await db
    .select()
    .from(accessReviewItems)
    .where(and(eq(accessReviewItems.campaignId, campaignId), inArray(accessReviewItems.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const updates: Array<{ row: AccessReviewItemRow; decision: ReviewDecision; newRole: string | null; reason: string | null }> = [];
  for (const [i, d] of input.decisions.entries()) {
    const row = byId.get(d.itemId);
    if (!row)
      throw new ApiError("not_found", `decisions[${i}].itemId: no item ${d.itemId} in this access review`, [
        { field: `decisions.${i}.itemId`, message: "no such item in this review" },
      ]);
    if (row.reviewerId !== operator.id && operator.role !== "owner") {
      throw new ApiError(
        "not_reviewer",
        `Item ${d.itemId} (${row.name} on ${PROVIDER_LABELS[row.provider]}) is ${row.reviewerEmail}'s to review, not yours`,
      );
    }
    let newRole: string | null = null;
    if (d.decision === "change_role") {
      const { roles } = await rolesFor(row.provider);
      const role = findRole(roles, d.role!, "organization");
      const field = `decisions.${i}.role`;
      if (!role) {
        const names = roles
          .filter((r) => r.scope === "organization")
          .map((r) => r.name)
          .join(", ");
        throw new ApiError("unknown_role", `${field}: "${d.role}" is not a role on ${PROVIDER_LABELS[row.provider]} (one of ${names})`, [
          { field, message: `unknown role "${d.role}"` },
        ]);
      }
      if (role.id === row.roleId)
        throw new ApiError("invalid_input", `${field}: ${row.name} already has the role ${role.name}`, [
          { field, message: "already the member's role" },
        ]);
      newRole = role.name;
    }
    updates.push({ row, decision: d.decision, newRole, reason: d.reason || null });
  }
  const decidedAt = new Date();
  const decided: ReviewItem[] = [];
  await db.transaction(async (tx) => {
    for (const u of updates) {
      const [row] = await tx
        .update(accessReviewItems)
        .set({ decision: u.decision, newRole: u.newRole, reason: u.reason, decidedByEmail: operator.email, decidedAt })
        .where(eq(accessReviewItems.id, u.row.id))
        .returning();
      decided.push(toItem(row));
    }
  });
  return { decided };
}
