import { z } from "zod";
import { ARTHUR_ASCII_LOCAL, asciiLocalPart, MAX_EMAILS } from "./constants";
import { INPUT_LIMITS } from "../limits";
import { emailAddress } from "../api/email";
import { providerParam } from "../changes/types";
import type { ProviderId } from "../providers/types";

/**
 * Invite requests as the API takes and answers them. Shared by the route handlers, the
 * service in lib/invites and the browser.
 */

export const INVITE_REQUEST_STATUSES = ["pending", "approved", "rejected", "cancelled", "expired"] as const;
export const INVITE_ITEM_STATES = ["queued", "sending", "sent", "skipped", "failed"] as const;
export type InviteRequestStatus = (typeof INVITE_REQUEST_STATUSES)[number];
export type InviteItemState = (typeof INVITE_ITEM_STATES)[number];
export type SkipReason = "already_member" | "already_invited";

/**
 * What a request asks for: invites, or one change under the two-person rule (a new Arthur
 * user, a grant of an admin-level role, a new service account with its secret).
 */
export const REQUEST_KINDS = ["invite", "arthur_user", "admin_role", "service_account", "mass_change"] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const CHANGE_STATES = ["queued", "performing", "done", "failed"] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

/** The change a request holds, as stored and answered: never a password or a secret. */
export type RequestedChange =
  | { kind: "arthur_user"; email: string; firstName: string; lastName: string | null }
  | {
      kind: "admin_role";
      provider: ProviderId;
      memberId: string;
      memberEmail: string | null;
      memberName: string;
      roleId: string;
      roleName: string;
      /** The project (OpenAI) or workspace (Astronomer) whose role is granted. */
      workspaceId: string | null;
      workspaceName: string | null;
      workspaceKind?: "project" | "workspace";
      /** The member is added to the project or workspace with the role. */
      add?: boolean;
      /** The role comes through this group or team: the member is added to it (`roleName` is the admin-level grant it holds). */
      group?: { id: string; name: string; kind: "group" | "team" };
    }
  | { kind: "service_account"; name: string; roleId: string; roleName: string }
  | {
      /** Changes over the mass-change threshold (lib/changes/mass-change.ts): one call's or a whole bulk's items. */
      kind: "mass_change";
      /** Memberships the items touch (an offboard counts each of its memberships). */
      memberships: number;
      items: MassChangeItem[];
    };

/** One change of a mass change, as its route would run it. */
export type MassChangeItem =
  | { action: "change_role"; provider: ProviderId; memberId: string; role: string; workspaceId?: string | null; email?: string | null }
  | { action: "remove_member"; provider: ProviderId; memberId: string; workspaceId?: string | null; email?: string | null }
  | { action: "revoke_invite"; provider: ProviderId; inviteId: string; email?: string | null }
  | { action: "offboard"; email: string; providers?: ProviderId[] | null; memberships: number };

/** What became of an approved change request. */
export interface ChangeOutcome {
  state: ChangeState;
  /** The account created or changed (its id on the provider). */
  targetId?: string | null;
  auditId?: number | null;
  /** Why it failed, in the provider's (or Roster's) words. */
  error?: { status: number | null; message: string } | null;
  /** Said once, when the change was done but part of it was not (a service account Arthur would not give its role). */
  warning?: string | null;
}

export { MAX_EMAILS } from "./constants";

const email = emailAddress((problem, input) => (input ? `"${input.slice(0, 80)}" ${problem}` : "must be an email address"));

/** One or more emails: a list, or one string separated by commas, semicolons or white space. */
const emails = z.preprocess(
  (value) => (typeof value === "string" ? value.split(/[\s,;]+/).filter(Boolean) : value),
  z
    .array(email, { error: "emails must be a list of email addresses" })
    .min(1, "emails must name at least one email address")
    .max(MAX_EMAILS, `emails must name at most ${MAX_EMAILS} addresses`),
);

const role = z.string({ error: "role is required" }).trim().min(1, "role is required").max(200, "role is too long");

/** OpenAI: the projects the invitee joins, each once, with a project role (`GET /api/roles` lists both). */
const inviteProjects = z
  .array(
    z
      .object({
        id: z.string({ error: "projects' id is required" }).trim().min(1, "projects' id is required").max(200, "project id is too long"),
        role: z
          .string({ error: "projects' role is required" })
          .trim()
          .min(1, "projects' role is required")
          .max(200, "project role is too long"),
      })
      .strict(),
    { error: "projects must be a list of { id, role }" },
  )
  .max(INPUT_LIMITS.inviteProjects, `projects must name at most ${INPUT_LIMITS.inviteProjects} projects`)
  .refine((list) => new Set(list.map((p) => p.id)).size === list.length, "projects must name each project once")
  .optional();

export const createInviteRequestSchema = z
  .object({
    emails,
    /** The providers to invite to, and the role on each (a role id or name as `GET /api/roles` lists it). */
    providers: z
      .array(z.object({ provider: providerParam, role, projects: inviteProjects }).strict(), {
        error: "providers must be a list of { provider, role, projects? }",
      })
      .min(1, "providers must name at least one provider")
      .refine((list) => new Set(list.map((p) => p.provider)).size === list.length, "providers must name each provider once"),
    reason: z
      .string({ error: "reason is required" })
      .trim()
      .min(1, "reason is required")
      .max(INPUT_LIMITS.reason, `reason must be at most ${INPUT_LIMITS.reason} characters`),
    /** Skip approval: only for admins, and only when ROSTER_DIRECT_INVITES=admins. */
    direct: z.boolean({ error: "direct must be true or false" }).optional(),
  })
  .strict()
  .superRefine((request, ctx) => {
    request.providers.forEach((p, index) => {
      if (p.projects && p.provider !== "openai") {
        ctx.addIssue({
          code: "custom",
          path: ["providers", index, "projects"],
          message: "projects are OpenAI's only: leave them out for other providers",
        });
      }
    });
    if (!request.providers.some((p) => p.provider === "arthur")) return;
    request.emails.forEach((email, index) => {
      if (!asciiLocalPart(email)) {
        ctx.addIssue({
          code: "custom",
          path: ["emails", index],
          message: `"${email.slice(0, 80)}" cannot be invited to Arthur: ${ARTHUR_ASCII_LOCAL}`,
        });
      }
    });
  });

export type CreateInviteRequest = z.infer<typeof createInviteRequestSchema>;

export const requestParamsSchema = z.object({
  id: z.uuid({ error: (i) => `id must be an invite request id (got "${String(i.input)}")` }),
});

export const approveSchema = z
  .object({ reason: z.string().trim().max(INPUT_LIMITS.reason, `reason must be at most ${INPUT_LIMITS.reason} characters`).optional() })
  .strict();

export const rejectSchema = z
  .object({
    reason: z
      .string({ error: "reason is required" })
      .trim()
      .min(1, "reason is required")
      .max(INPUT_LIMITS.reason, `reason must be at most ${INPUT_LIMITS.reason} characters`),
  })
  .strict();

const statusList = z.preprocess(
  (value) => {
    if (value === undefined || value === "") return undefined;
    const list = Array.isArray(value) ? value : [value];
    return list
      .flatMap((v) => String(v).split(","))
      .map((v) => v.trim())
      .filter(Boolean);
  },
  z
    .array(
      z.enum(INVITE_REQUEST_STATUSES, {
        error: (i) => `status must be one of ${INVITE_REQUEST_STATUSES.join(", ")} (got "${String(i.input)}")`,
      }),
    )
    .optional(),
);

export const listRequestsQuerySchema = z.object({
  status: statusList,
  /** Only the signed-in operator's own requests. */
  mine: z
    .enum(["true", "false"], { error: "mine must be true or false" })
    .optional()
    .transform((v) => v === "true"),
  page: z.coerce.number({ error: "page must be a number" }).int().min(1, "page must be 1 or more").default(1),
  pageSize: z.coerce.number({ error: "pageSize must be a number" }).int().min(1).max(200, "pageSize must be at most 200").default(50),
});

export type ListRequestsQuery = z.infer<typeof listRequestsQuerySchema>;

/** An OpenAI project an invitee joins on accepting: its id, project role and name when asked. */
export interface InviteItemProject {
  id: string;
  role: string;
  name: string;
}

export interface InviteItem {
  id: string;
  email: string;
  provider: ProviderId;
  role: string;
  roleId: string;
  /** OpenAI: the projects the invitee joins on accepting (none: no project). */
  projects?: InviteItemProject[];
  state: InviteItemState;
  skipReason: SkipReason | null;
  providerInviteId: string | null;
  error: { status: number | null; message: string } | null;
  attempts: number;
  updatedAt: string;
}

export interface InviteRequest {
  id: string;
  requester: { id: string; email: string };
  reason: string;
  status: InviteRequestStatus;
  decidedBy: { id: string; email: string | null } | null;
  decisionReason: string | null;
  createdAt: string;
  decidedAt: string | null;
  expiresAt: string;
  emails: string[];
  providers: Array<{ provider: ProviderId; role: string; projects?: InviteItemProject[] }>;
  /** Items per state. */
  counts: Record<InviteItemState, number>;
  kind: RequestKind;
  /** For a change request (kind other than `invite`): the change asked for, and, once approved, its outcome. */
  change: RequestedChange | null;
  outcome: ChangeOutcome | null;
}

export interface InviteRequestDetail extends InviteRequest {
  items: InviteItem[];
}

/** Answer of create, approve, reject, cancel and retry. */
export interface InviteRequestResponse {
  request: InviteRequestDetail;
  /** Emails given more than once (after trimming and lower-casing): kept once. */
  duplicates?: string[];
  /**
   * Only in the answer of the approval that performed a change request, to the approver,
   * once: a new service account's client secret, or a new Arthur user's one-time password.
   * Roster keeps neither.
   */
  secret?: { kind: "client_credentials"; clientId: string; clientSecret: string } | { kind: "password"; password: string };
}

/**
 * A change route's answer (HTTP 202) when the two-person rule holds the change for a second
 * admin: the request made, nothing changed yet.
 */
export interface ApprovalRequiredResponse {
  approvalRequired: true;
  request: InviteRequestDetail;
}

/** Whether a change answered with a change request (the two-person rule or the mass-change guard) instead of running. */
export function isApprovalRequired<T>(result: T | ApprovalRequiredResponse): result is ApprovalRequiredResponse {
  return Boolean(result && typeof result === "object" && "approvalRequired" in result);
}

export interface InvitePolicy {
  /** Whether admins may send invites without a second person's approval. */
  directInvites: boolean;
  /** Days a pending request waits for a decision before it expires. */
  expiryDays: number;
}

export interface InviteRequestsResponse {
  requests: InviteRequest[];
  total: number;
  page: number;
  pageSize: number;
  policy: InvitePolicy;
}

/** `GET /api/invites`: every pending invite on every provider. */
export interface PendingInvite {
  provider: ProviderId;
  /** The provider's invite id; for ledger entries (Arthur), the ledger id. */
  id: string;
  email: string;
  role: string;
  createdAt: string | null;
  expiresAt: string | null;
  /** `provider`: listed by the provider; `ledger`: Roster's record of an invite it sent (Arthur lists none). */
  source: "provider" | "ledger";
  /** The Roster invite request that sent it, when it came through Roster. */
  requestId: string | null;
  canRevoke: boolean;
}

export interface PendingInvitesResponse {
  invites: PendingInvite[];
  /** Providers that could not be read just now, with their own message. */
  errors: Array<{ provider: ProviderId; status: number | null; message: string }>;
}
