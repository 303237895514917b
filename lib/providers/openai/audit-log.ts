import { z } from "zod";
import type { ReadReport } from "../read-report";
import { type ItemSpec, readItems, unixSecondsLenient } from "../tolerant";
import type { ListOptions, ProviderChange } from "../types";
import { PAGE_LIMIT, type OpenAIClient } from "./client";
import { collectPages, unixToIso } from "./mapping";

/**
 * OpenAI's audit log (`GET /organization/audit_logs`), the membership events of it:
 * users added, updated (role) and deleted, invites sent, accepted and deleted. Each entry is
 * read liberally like every list item; an event type Roster does not know is skipped.
 */

export const MEMBERSHIP_EVENT_TYPES = [
  "user.added",
  "user.updated",
  "user.deleted",
  "invite.sent",
  "invite.accepted",
  "invite.deleted",
] as const;

const ACTIONS: Record<(typeof MEMBERSHIP_EVENT_TYPES)[number], ProviderChange["action"]> = {
  "user.added": "member_added",
  "user.updated": "role_changed",
  "user.deleted": "member_removed",
  "invite.sent": "invite_sent",
  "invite.accepted": "invite_accepted",
  "invite.deleted": "invite_revoked",
};

const actorUser = z.object({ id: z.string().optional(), email: z.string().optional() }).optional();

export const auditLogSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  effective_at: z.number().int(),
  actor: z
    .object({
      type: z.string().optional(),
      session: z.object({ user: actorUser }).optional(),
      api_key: z.object({ id: z.string().optional(), user: actorUser }).optional(),
    })
    .nullable()
    .optional(),
});

export const AUDIT_LOG_ITEM: ItemSpec<typeof auditLogSchema> = {
  item: "audit_log",
  schema: auditLogSchema,
  lenient: { effective_at: unixSecondsLenient },
};

type Details = { id?: unknown; data?: { email?: unknown; role?: unknown }; changes_requested?: { role?: unknown } };
const text = (value: unknown) => (typeof value === "string" && value ? value : null);

/** One log entry as a membership change; null for other event types. */
export function toChange(entry: z.infer<typeof auditLogSchema> & Record<string, unknown>): ProviderChange | null {
  const action = ACTIONS[entry.type as keyof typeof ACTIONS];
  if (!action) return null;
  const details = (entry[entry.type] ?? {}) as Details;
  const actor = entry.actor;
  const kind = actor?.type === "session" || actor?.type === "api_key" ? actor.type : "unknown";
  const who = kind === "session" ? actor?.session?.user : kind === "api_key" ? actor?.api_key?.user : undefined;
  return {
    provider: "openai",
    id: entry.id,
    at: unixToIso(entry.effective_at)!,
    action,
    targetId: text(details.id),
    email: text(details.data?.email),
    role: text(details.changes_requested?.role) ?? text(details.data?.role),
    actor: { kind, id: kind === "api_key" ? (actor?.api_key?.id ?? null) : (who?.id ?? null), email: who?.email ?? null },
  };
}

/** Every membership event since `since`, across pages. */
export async function readChanges(
  client: OpenAIClient,
  since: Date,
  options?: ListOptions & { report?: ReadReport },
): Promise<ProviderChange[]> {
  const entries = await collectPages(async (after) => {
    const envelope = await client.listAuditLogs(
      { limit: PAGE_LIMIT, after, since: Math.floor(since.getTime() / 1000), types: MEMBERSHIP_EVENT_TYPES },
      options?.signal,
    );
    return { envelope, items: readItems(AUDIT_LOG_ITEM, envelope.data, options?.report) };
  });
  return entries
    .map((e) => toChange(e as z.infer<typeof auditLogSchema> & Record<string, unknown>))
    .filter((c): c is ProviderChange => c !== null);
}
