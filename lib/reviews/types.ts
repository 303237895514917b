import { z } from "zod";
import { INPUT_LIMITS } from "../limits";
import { normaliseEmail } from "../email";
import { PROVIDER_IDS, type ProviderId } from "../providers/types";

/**
 * Access reviews as the API takes and answers them: shared by the route handlers, the
 * service and the browser.
 */

export const REVIEW_DECISIONS = ["keep", "remove", "change_role"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const REVIEW_OUTCOMES = ["done", "skipped", "failed", "waiting"] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** How many items a decision request may carry (bulk keep). */
export const MAX_DECISIONS = 500;
export const ITEMS_PAGE_MAX = 500;
export const MAX_DUE_DAYS = 730;

const provider = z.enum(PROVIDER_IDS, { error: (i) => `must be one of ${PROVIDER_IDS.join(", ")} (got "${String(i.input)}")` });
const email = (field: string) =>
  z
    .string({ error: `${field} must be an operator's email` })
    .trim()
    .min(3, `${field} must be an operator's email`)
    .max(INPUT_LIMITS.email, `${field} is too long`)
    .transform(normaliseEmail);

export const reviewScopeSchema = z
  .object({
    /** Empty or absent: every configured provider. */
    providers: z.array(provider).max(PROVIDER_IDS.length).optional(),
    /** Role ids or names (any provider); absent: every role. */
    roles: z.array(z.string().trim().min(1, "roles: a role cannot be empty").max(200)).max(100).optional(),
    /** Only members whose organization role is admin-level or owner (each provider's role catalogue). */
    adminsOnly: z.boolean({ error: "adminsOnly must be true or false" }).optional(),
    /** Workspace ids (Astronomer): members with a role there, directly or through a team. */
    workspaces: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
    /** Accepted and stored; applies once Roster knows last activity (issue 17, item 2). */
    inactiveDays: z
      .number({ error: "inactiveDays must be a number of days" })
      .int("inactiveDays must be whole days")
      .min(1)
      .max(3650)
      .optional(),
    /** People only (service accounts are left out unless asked). */
    includeServiceAccounts: z.boolean().optional(),
  })
  .strict();
export type ReviewScope = z.infer<typeof reviewScopeSchema>;

export const reviewersSchema = z
  .object({
    /** One operator reviews everything not given to a provider's reviewer. */
    all: email("reviewers.all").optional(),
    /** One operator per provider. */
    providers: z.partialRecord(provider, email("reviewers.providers")).optional(),
  })
  .strict()
  .refine((r) => r.all || Object.keys(r.providers ?? {}).length > 0, {
    message: "name a reviewer for everything (all) or one per provider (providers)",
  });
export type ReviewersInput = z.infer<typeof reviewersSchema>;

export const createReviewSchema = z
  .object({
    name: z
      .string({ error: "name is required" })
      .trim()
      .min(1, "name is required")
      .max(INPUT_LIMITS.name, `name must be at most ${INPUT_LIMITS.name} characters`),
    scope: reviewScopeSchema.default({}),
    reviewers: reviewersSchema,
    /** A date-time with a zone, ahead, at most MAX_DUE_DAYS days. */
    dueAt: z.iso
      .datetime({ offset: true, error: "dueAt must be an ISO 8601 date-time with a zone (2027-01-31T23:59:59Z)" })
      .refine((v) => Date.parse(v) > Date.now(), "dueAt must be in the future")
      .refine((v) => Date.parse(v) <= Date.now() + MAX_DUE_DAYS * 86_400_000, `dueAt must be at most ${MAX_DUE_DAYS} days ahead`),
    repeatEveryDays: z
      .number({ error: "repeatEveryDays must be a number of days" })
      .int("repeatEveryDays must be whole days")
      .min(1)
      .max(366)
      .optional(),
  })
  .strict();
export type CreateReviewInput = z.infer<typeof createReviewSchema>;

export const reviewParamsSchema = z.object({
  id: z.uuid({ error: (i) => `id must be an access review id (got "${String(i.input)}")` }),
});

const reason = z
  .string({ error: "reason must be text" })
  .trim()
  .max(INPUT_LIMITS.reason, `reason must be at most ${INPUT_LIMITS.reason} characters`)
  .optional();

export const decisionSchema = z
  .object({
    itemId: z.number({ error: "itemId must be an item id" }).int().positive(),
    decision: z.enum(REVIEW_DECISIONS, { error: `decision must be one of ${REVIEW_DECISIONS.join(", ")}` }),
    /** The new role (id or name) of a change_role decision. */
    role: z.string().trim().min(1).max(200).optional(),
    reason,
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.decision !== "keep" && !d.reason)
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: `a reason is required to ${d.decision === "remove" ? "remove" : "change the role"}`,
      });
    if (d.decision === "change_role" && !d.role)
      ctx.addIssue({ code: "custom", path: ["role"], message: "role is required to change the role" });
  });

export const decideSchema = z
  .object({
    decisions: z.array(decisionSchema).min(1, "decisions: at least one").max(MAX_DECISIONS, `decisions: at most ${MAX_DECISIONS} at once`),
  })
  .strict();
export type DecideInput = z.infer<typeof decideSchema>;

const bool = z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true");

export const itemsQuerySchema = z
  .object({
    /** Keyset: items after this id. */
    after: z.coerce
      .number({ error: "after must be an item id" })
      .int("after must be an item id")
      .min(1, "after must be an item id")
      .optional(),
    limit: z.coerce
      .number({ error: "limit must be a number" })
      .int()
      .min(1)
      .max(ITEMS_PAGE_MAX, `limit must be at most ${ITEMS_PAGE_MAX}`)
      .default(100),
    /** `me`: the signed-in operator's items. */
    reviewer: z.string().trim().max(INPUT_LIMITS.email).optional(),
    provider: provider.optional(),
    /** open: not decided yet. */
    state: z
      .enum(["open", "decided", ...REVIEW_DECISIONS], { error: "state must be open, decided, keep, remove or change_role" })
      .optional(),
    outcome: z.enum(REVIEW_OUTCOMES, { error: `outcome must be one of ${REVIEW_OUTCOMES.join(", ")}` }).optional(),
    q: z.string().trim().max(200).optional(),
    adminOnly: bool.optional(),
  })
  .strict();
export type ItemsQuery = z.infer<typeof itemsQuerySchema>;

export interface ScopedRoleView {
  scope: "organization" | "project" | "workspace";
  scopeName: string;
  role: string;
  via: string | null;
}

export interface ReviewItem {
  id: number;
  provider: ProviderId;
  memberId: string;
  email: string | null;
  name: string;
  role: string;
  adminLevel: boolean;
  scopedRoles: ScopedRoleView[];
  addedAt: string | null;
  managed: boolean;
  reviewer: string;
  decision: ReviewDecision | null;
  newRole: string | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  outcome: ReviewOutcome | null;
  outcomeDetail: string | null;
  auditId: number | null;
  changeRequestId: string | null;
  remediatedAt: string | null;
}

export interface ReviewerProgress {
  reviewer: string;
  total: number;
  decided: number;
  open: number;
}

export interface ReviewSummary {
  id: string;
  name: string;
  status: "open" | "closed";
  scope: ReviewScope;
  reviewers: { all?: string; providers?: Partial<Record<ProviderId, string>> };
  dueAt: string;
  repeatEveryDays: number | null;
  previousId: string | null;
  itemCount: number;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
  remediationAuditId: number | null;
}

export interface ReviewDetail extends ReviewSummary {
  progress: ReviewerProgress[];
  outcomes: Partial<Record<ReviewOutcome, number>>;
  /** Whether the signed-in operator has items to decide here. */
  mine: { total: number; open: number };
}

export interface ItemsPage {
  items: ReviewItem[];
  /** Pass as `after` for the next page; null at the end. */
  next: number | null;
}
