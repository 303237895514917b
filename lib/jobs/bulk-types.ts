import { z } from "zod";
import { pathId } from "../api/path-id";
import { emailParamSchema, providerParam } from "../changes/types";
import type { ProviderId } from "../providers/types";

/**
 * A bulk change: many changes of the kinds a single route makes (a role change, a removal,
 * a revoked invite, an offboard), run on the server by the job engine. Each item holds all
 * it needs and nothing else, so a list of them can also be stored as a change request's
 * `change` (lib/invites/change-requests.ts) and run once a second admin approves.
 */

const confirmSelf = z.boolean({ error: "confirmSelf must be true or false" }).optional();

export const bulkChangeSchema = z.discriminatedUnion(
  "kind",
  [
    z
      .object({
        kind: z.literal("change_role"),
        provider: providerParam,
        memberId: pathId("memberId"),
        role: z.string({ error: "role is required" }).trim().min(1, "role is required").max(200, "role is too long"),
        workspaceId: pathId("workspaceId").optional(),
        confirmSelf,
      })
      .strict(),
    z
      .object({
        kind: z.literal("remove_member"),
        provider: providerParam,
        memberId: pathId("memberId"),
        workspaceId: pathId("workspaceId").optional(),
        confirmSelf,
      })
      .strict(),
    z.object({ kind: z.literal("revoke_invite"), provider: providerParam, inviteId: pathId("inviteId") }).strict(),
    z
      .object({
        kind: z.literal("offboard"),
        email: emailParamSchema.shape.email,
        providers: z.array(providerParam).min(1, "providers must name at least one provider").optional(),
        confirmSelf,
      })
      .strict(),
  ],
  { error: "kind must be change_role, remove_member, revoke_invite or offboard" },
);

export type BulkChange = z.infer<typeof bulkChangeSchema>;

/** The most items one bulk takes: a larger one is refused (422), not cut short. */
export const MAX_BULK_ITEMS = 1_000;

export const bulkBodySchema = z
  .object({
    items: z
      .array(bulkChangeSchema, { error: "items must be a list of changes" })
      .min(1, "items must hold at least one change")
      .max(MAX_BULK_ITEMS, `items must hold at most ${MAX_BULK_ITEMS} changes`),
  })
  .strict();

export const bulkParamsSchema = z.object({ id: z.uuid({ error: "id must be a bulk run's id (a UUID)" }) });

/** Providers a bulk acts on (an API token limited to some providers may act on those only); null: any. */
export function providersOf(items: readonly BulkChange[]): ProviderId[] | null {
  const providers = new Set<ProviderId>();
  for (const item of items) {
    if (item.kind !== "offboard") providers.add(item.provider);
    else if (item.providers) item.providers.forEach((p) => providers.add(p));
    else return null;
  }
  return [...providers];
}

/** What an item does, in words, for the progress list. */
export function describeBulkChange(item: BulkChange): string {
  switch (item.kind) {
    case "change_role":
      return `${item.provider}: ${item.memberId} → ${item.role}${item.workspaceId ? ` on workspace ${item.workspaceId}` : ""}`;
    case "remove_member":
      return `${item.provider}: remove ${item.memberId}${item.workspaceId ? ` from workspace ${item.workspaceId}` : ""}`;
    case "revoke_invite":
      return `${item.provider}: revoke invite ${item.inviteId}`;
    case "offboard":
      return `offboard ${item.email}${item.providers ? ` from ${item.providers.join(", ")}` : ""}`;
  }
}

export type BulkItemState = "queued" | "running" | "succeeded" | "failed";

export interface BulkItemView {
  position: number;
  change: BulkChange;
  label: string;
  state: BulkItemState;
  attempts: number;
  note: string | null;
  error: { status: number | null; code: string; message: string } | null;
  auditId: number | null;
}

export interface BulkRunView {
  id: string;
  startedBy: string;
  createdAt: string;
  finishedAt: string | null;
  total: number;
  counts: Record<BulkItemState, number>;
  items: BulkItemView[];
}
