import { z } from "zod";
import { PROVIDER_IDS } from "../providers/types";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_QUERY_LIMITS as L, type AuditOutcome } from "./constants";

export { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditOutcome } from "./constants";

/** One attempted change, as `GET /api/audit` answers it. */
export interface AuditEvent {
  id: number;
  /** The entry this one is a step of; steps are listed in their parent's `steps`. */
  parentId: number | null;
  at: string;
  actor: { id: string | null; email: string; role: string };
  action: string;
  provider: string | null;
  target: { id: string | null; email: string | null };
  before: unknown;
  after: unknown;
  /** `pending` when the server stopped between the attempt and its result. */
  outcome: AuditOutcome;
  providerStatus: number | null;
  providerMessage: string | null;
  requestId: string | null;
  /** When the outcome was recorded. */
  completedAt: string | null;
  /** What happened, in a sentence: what changed, on whom, where (`describe.ts`). */
  description: string;
  /** The steps of a change made of several (remove everywhere), oldest first. */
  steps?: AuditEvent[];
}

export interface AuditResponse {
  events: AuditEvent[];
  total: number;
  /** The chain's newest row (every filter aside): compare its hash with a copy kept elsewhere. */
  head: { id: number; hash: string } | null;
}

const date = (field: string) =>
  z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), `${field} must be a date or date-time (ISO 8601)`)
    .transform((v) => new Date(v));

export const auditQuerySchema = z.object({
  actor: z.string().trim().max(L.actor).optional(),
  provider: z.enum(PROVIDER_IDS, { error: () => `provider must be one of ${PROVIDER_IDS.join(", ")}` }).optional(),
  action: z.enum(AUDIT_ACTIONS, { error: () => `action must be one of ${AUDIT_ACTIONS.join(", ")}` }).optional(),
  outcome: z.enum(AUDIT_OUTCOMES, { error: () => `outcome must be one of ${AUDIT_OUTCOMES.join(", ")}` }).optional(),
  from: date("from").optional(),
  to: date("to").optional(),
  page: z.coerce.number({ error: "page must be a number" }).int().min(1, "page must be 1 or more").default(1),
  pageSize: z.coerce
    .number({ error: "pageSize must be a number" })
    .int()
    .min(1)
    .max(L.pageSize, `pageSize must be at most ${L.pageSize}`)
    .default(L.defaultPageSize),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** `GET /api/audit/export`: the list's filters, every page. */
export const auditExportQuerySchema = auditQuerySchema.omit({ page: true, pageSize: true });
