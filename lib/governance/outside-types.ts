import { z } from "zod";
import type { AuditEvent } from "../audit/types";
import { PROVIDER_IDS, type ProviderChange, type ProviderId } from "../providers/types";

/** One stored change made outside Roster, as `GET /api/outside-changes` answers it. */
export interface OutsideChangeView {
  id: number;
  provider: ProviderId;
  /** The provider's id of its audit log entry. */
  eventId: string;
  at: string;
  action: ProviderChange["action"];
  targetId: string | null;
  email: string | null;
  role: string | null;
  /** Who made it on the provider. */
  actor: ProviderChange["actor"];
  /** When Roster read it. */
  detectedAt: string;
}

export interface OutsideChangesResponse {
  total: number;
  page: number;
  pageSize: number;
  changes: OutsideChangeView[];
  /** Everyone with an outside change in the last 30 days (the users table's badge): emails, and `provider:memberId`. */
  recent: { emails: string[]; members: string[] };
  /** When each provider's audit log was last read, and the error of that read. */
  reads: { provider: ProviderId; lastReadAt: string | null; error: string | null }[];
}

export const OUTSIDE_PAGE_SIZE_MAX = 200;

export const outsideChangesQuerySchema = z.object({
  provider: z.enum(PROVIDER_IDS, { error: () => `provider must be one of ${PROVIDER_IDS.join(", ")}` }).optional(),
  since: z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), "since must be a date or date-time (ISO 8601)")
    .transform((v) => new Date(v))
    .optional(),
  page: z.coerce.number({ error: "page must be a number" }).int("page must be a whole number").min(1, "page must be 1 or more").default(1),
  pageSize: z.coerce
    .number({ error: "pageSize must be a number" })
    .int("pageSize must be a whole number")
    .min(1, "pageSize must be 1 or more")
    .max(OUTSIDE_PAGE_SIZE_MAX, `pageSize must be at most ${OUTSIDE_PAGE_SIZE_MAX}`)
    .default(50),
});

export type OutsideChangesQuery = z.infer<typeof outsideChangesQuerySchema>;

/** One entry of a person's timeline: Roster's own change, or one made on the provider. */
export type TimelineEntry =
  { source: "roster"; at: string; event: AuditEvent } | { source: "provider"; at: string; change: OutsideChangeView };

/** A member's use of a provider over the last read window (OpenAI's usage API). */
export interface MemberActivity {
  provider: ProviderId;
  memberId: string;
  requests: number;
  lastActiveAt: string;
  windowStart: string;
  /** When the usage was read (its freshness). */
  readAt: string;
}

export interface PersonTimelineResponse {
  entries: TimelineEntry[];
  /** Their usage per membership where a provider reports it. */
  activity: MemberActivity[];
}
