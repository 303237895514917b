import { INPUT_LIMITS } from "../limits";
import { normaliseEmail } from "../email";
import { z } from "zod";
import { pathId } from "../api/path-id";
import { memberIdProblem, normaliseMemberId } from "../providers/ids";
import { PROVIDER_IDS, type ProviderId } from "../providers/types";

/**
 * Member changes as the API takes and answers them. Shared by the route handlers, the
 * change service and the browser.
 */

export const providerParam = z.enum(PROVIDER_IDS, {
  error: (i) => `provider must be one of ${PROVIDER_IDS.join(", ")} (got "${String(i.input)}")`,
});

const id = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(200, `${field} is too long`);

/** A member id of the wrong shape (Arthur's are UUIDs) is refused here rather than by the provider (which Roster would report as a 502). */
export const memberParamsSchema = z
  .object({ provider: providerParam, memberId: pathId("memberId") })
  .superRefine((p, ctx) => {
    const problem = memberIdProblem(p.provider, p.memberId);
    if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["memberId"] });
  })
  .transform((p) => ({ ...p, memberId: normaliseMemberId(p.provider, p.memberId) }));
export const inviteParamsSchema = z.object({ provider: providerParam, inviteId: pathId("inviteId") });

/** Why a change that needs a second admin is asked for (optional; shown on the request). */
export const approvalReason = z
  .string({ error: "reason must be text" })
  .trim()
  .max(INPUT_LIMITS.reason, `reason must be at most ${INPUT_LIMITS.reason} characters`)
  .optional();

export const changeRoleSchema = z
  .object({
    role: id("role"),
    /** The project (OpenAI) or workspace (Astronomer, Arthur) whose role to change, instead of the organization's. */
    workspaceId: pathId("workspaceId").optional(),
    /** The member is not in `workspaceId` yet: add them to it with `role` (where the provider's API can). */
    add: z.boolean({ error: "add must be true or false" }).optional(),
    /** Needed to change your own membership. */
    confirmSelf: z.boolean({ error: "confirmSelf must be true or false" }).optional(),
    /** Why: shown to the admin who approves an admin-level grant (the two-person rule). */
    reason: approvalReason,
  })
  .strict();

/** `?dryRun=true`: answer the plan instead of making the change (lib/changes/dry-run.ts); every change route takes it the same way. */
export const dryRunField = z
  .enum(["true", "false"], { error: "dryRun must be true or false" })
  .optional()
  .transform((v) => v === "true");
export const dryRunQuerySchema = z.object({ dryRun: dryRunField });

export const removeMemberQuerySchema = z.object({
  dryRun: dryRunField,
  /** Remove from this project (OpenAI) or workspace (Astronomer, Arthur) only, not the organization. */
  workspaceId: pathId("workspaceId").optional(),
  confirmSelf: z
    .enum(["true", "false"], { error: "confirmSelf must be true or false" })
    .optional()
    .transform((v) => v === "true"),
});

export const offboardSchema = z
  .object({
    /** Only these providers (to retry the steps that failed); all of the person's when omitted. */
    providers: z.array(providerParam).min(1, "providers must name at least one provider").optional(),
    confirmSelf: z.boolean({ error: "confirmSelf must be true or false" }).optional(),
  })
  .strict();

/**
 * A person in the URL: their email as the provider lists it, lower-cased (the directory's
 * person key). Not checked as an email address: a provider may list one Roster would not
 * accept as input, and that member must still open and be offboarded. Only what no key
 * holds is refused: nothing, over 512 characters, control characters.
 */
export const emailParamSchema = z.object({
  email: z
    .string()
    .transform((v) => {
      try {
        return normaliseEmail(decodeURIComponent(v));
      } catch {
        return normaliseEmail(v);
      }
    })
    .pipe(
      z
        .string()
        .min(1, "email is required")
        .max(512, "email must be at most 512 characters")
        .refine((v) => !/[\u0000-\u001f\u007f-\u009f]/.test(v), "email must not contain control characters"),
    ),
});

export type ChangeAction = "change_role" | "remove_member" | "revoke_invite";

/** What a membership looked like before or after a change (as shown in the audit log). */
export interface ChangeState {
  role?: string | null;
  /** Astronomer workspace changes: the workspace's name (role changes) or id (removals). */
  workspace?: string;
  /** OpenAI project changes: the project's name. */
  project?: string;
  workspaceId?: string;
}

export interface ChangeResult {
  ok: true;
  provider: ProviderId;
  action: ChangeAction;
  targetId: string;
  targetEmail: string | null;
  before: ChangeState | null;
  after: ChangeState | null;
  /** E.g. the member is managed by an identity provider, which may undo the change. */
  warnings: string[];
  auditId: number;
}

export interface OffboardStep {
  provider: ProviderId;
  action: "remove_member" | "revoke_invite";
  targetId: string;
  ok: boolean;
  warnings: string[];
  error?: { code: string; status: number | null; message: string };
}

export interface OffboardResponse {
  email: string;
  steps: OffboardStep[];
}

/** `GET /api/people/{email}`: every membership, read fresh from each provider. */
export interface PersonDetailResponse {
  email: string;
  name: string;
  /** Memberships and pending invites (status `invited`); each read fresh where the provider allows. */
  memberships: Array<
    import("../directory/types").Membership & {
      /** True when read from the provider just now; false when from the last sync (invites). */
      fresh: boolean;
    }
  >;
  /** Providers that could not be read just now, with their own message. */
  errors: Array<{ provider: ProviderId; status: number | null; message: string }>;
  /** Whether this person is the signed-in operator (changes need `confirmSelf`). */
  isSelf: boolean;
}

/** `GET /api/roles`: each provider's native roles (and Astronomer's workspaces). */
export interface RolesResponse {
  providers: Array<{
    id: ProviderId;
    roles: Array<{
      id: string;
      name: string;
      scope: "organization" | "workspace";
      isOwner: boolean;
      adminLevel: boolean;
      description?: string;
    }>;
    /** OpenAI's projects (kind `project`) or Astronomer's workspaces. */
    workspaces: Array<{ id: string; name: string; kind?: "project" | "workspace" }>;
    /** A member can be added to a project or workspace they are not in (`add: true` on a role change). */
    addToWorkspace?: boolean;
    error?: { status: number | null; message: string };
  }>;
}
