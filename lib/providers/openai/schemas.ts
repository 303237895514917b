import { z } from "zod";

/**
 * Wire schemas for the parts of the OpenAI Administration API that Roster uses, written
 * from ../../../../shared/specs/openai/openapi.yaml (current) and, for invites, also from
 * manual_spec/openapi.yaml (older). `z.object` ignores fields it does not list, so new
 * fields on the wire never break parsing; required/optional/nullable follow the spec.
 */

/** Unix seconds (an integer past 10^11 would be milliseconds: read liberally, and noted). */
const unixTime = z.number().int().max(99_999_999_999);
const nullableString = z.string().nullable();

export const roleSchema = z.enum(["owner", "reader"]);
export const projectRoleSchema = z.enum(["member", "owner"]);

/** `object`, `data` and `has_more` are required; the cursor ids are optional and nullable. */
export function cursorList<T extends z.ZodType>(item: T) {
  return z.object({
    object: z.literal("list"),
    data: z.array(item),
    first_id: nullableString.optional(),
    last_id: nullableString.optional(),
    has_more: z.boolean(),
  });
}

/**
 * How Roster reads a list answer: the envelope strictly (a list without `data` or
 * `has_more` cannot be paged), its items one by one and liberally (lib/providers/tolerant.ts).
 */
export const cursorEnvelopeSchema = z.object({
  object: z.string().optional(),
  data: z.array(z.unknown()),
  first_id: nullableString.optional(),
  last_id: nullableString.optional(),
  has_more: z.boolean(),
});
export type CursorEnvelope = z.infer<typeof cursorEnvelopeSchema>;

/** Any single object answer; its fields are read liberally. */
export const objectAnswerSchema = z.record(z.string(), z.unknown());

/** Shared query of every cursor-paginated list. */
export interface CursorQuery {
  limit: number;
  after?: string;
}

// ---- users ----------------------------------------------------------------------

export const userSchema = z.object({
  object: z.literal("organization.user"),
  id: z.string(),
  name: nullableString.optional(),
  email: nullableString.optional(),
  /** Free string in the current spec ("`owner` or `reader`"), an enum in the older one. */
  role: nullableString.optional(),
  added_at: unixTime,
  is_service_account: z.boolean().optional(),
  is_scim_managed: z.boolean().optional(),
  api_key_last_used_at: unixTime.nullable().optional(),
  user: z
    .object({
      object: z.literal("user"),
      id: z.string(),
      email: nullableString.optional(),
      name: nullableString.optional(),
    })
    .optional(),
});
export type WireUser = z.infer<typeof userSchema>;

export const userListSchema = cursorList(userSchema);
export type WireUserList = z.infer<typeof userListSchema>;

/** Every key optional and nullable in the current spec; `role_id` is the RBAC alternative. */
export const userRoleUpdateRequestSchema = z.object({
  role: nullableString.optional(),
  role_id: nullableString.optional(),
  technical_level: nullableString.optional(),
  developer_persona: nullableString.optional(),
});
export type UserRoleUpdateRequest = z.infer<typeof userRoleUpdateRequestSchema>;

export const userDeleteResponseSchema = z.object({
  object: z.literal("organization.user.deleted"),
  id: z.string(),
  deleted: z.boolean(),
});
export type WireUserDeleted = z.infer<typeof userDeleteResponseSchema>;

// ---- invites --------------------------------------------------------------------

export const inviteStatusSchema = z.enum(["accepted", "expired", "pending"]);

const inviteProjectSchema = z.object({ id: z.string(), role: projectRoleSchema });

const inviteBase = {
  object: z.literal("organization.invite"),
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  status: inviteStatusSchema,
};

/** Current spec: the sent time is `created_at`; `projects` is required. */
export const inviteCurrentSchema = z.object({
  ...inviteBase,
  created_at: unixTime,
  expires_at: unixTime.nullable().optional(),
  accepted_at: unixTime.nullable().optional(),
  projects: z.array(inviteProjectSchema),
});
export type WireInviteCurrent = z.infer<typeof inviteCurrentSchema>;

/** Older spec: the sent time is `invited_at`, `expires_at` is required, `projects` optional. */
export const inviteLegacySchema = z.object({
  ...inviteBase,
  invited_at: unixTime,
  expires_at: unixTime,
  accepted_at: unixTime.nullable().optional(),
  projects: z.array(z.object({ id: z.string().optional(), role: projectRoleSchema.optional() })).optional(),
});

export const inviteSchema = z.union([inviteCurrentSchema, inviteLegacySchema]);

/**
 * How Roster reads an invite: either spec's shape passes as it is; anything else is read
 * field by field by the current shape, which also keeps the older `invited_at`.
 */
export const inviteReadSchema = z.union([inviteCurrentSchema.extend({ invited_at: unixTime.optional() }), inviteLegacySchema]);
export type WireInvite = z.infer<typeof inviteSchema>;

export const inviteListSchema = cursorList(inviteSchema);

export const inviteRequestSchema = z.object({
  email: z.string(),
  role: roleSchema,
  /** Omitted: also invited to the default project (legacy). `[]`: no project. */
  projects: z.array(inviteProjectSchema).optional(),
});
export type InviteRequest = z.infer<typeof inviteRequestSchema>;

export const inviteDeleteResponseSchema = z.object({
  object: z.literal("organization.invite.deleted"),
  id: z.string(),
  deleted: z.boolean(),
});
export type WireInviteDeleted = z.infer<typeof inviteDeleteResponseSchema>;

// ---- projects ---------------------------------------------------------------------

/** `Project`: `name` and `status` are nullable in the spec; only active projects are listed (archived ones refuse their user list). */
export const projectSchema = z.object({
  object: z.literal("organization.project"),
  id: z.string(),
  name: nullableString.optional(),
  created_at: unixTime,
  archived_at: unixTime.nullable().optional(),
  status: nullableString.optional(),
});
export type WireProject = z.infer<typeof projectSchema>;

/** `ProjectUser`: the project role is a free string in the spec ("`owner` or `member`"). */
export const projectUserSchema = z.object({
  object: z.literal("organization.project.user"),
  id: z.string(),
  name: nullableString.optional(),
  email: nullableString.optional(),
  role: z.string(),
  added_at: unixTime,
});
export type WireProjectUser = z.infer<typeof projectUserSchema>;

/** `ProjectUserCreateRequest`: Roster always names the user by id. */
export const projectUserCreateRequestSchema = z.object({
  user_id: nullableString.optional(),
  email: nullableString.optional(),
  role: z.string(),
});
export type ProjectUserCreateRequest = z.infer<typeof projectUserCreateRequestSchema>;

export const projectUserUpdateRequestSchema = z.object({ role: nullableString.optional() });
export type ProjectUserUpdateRequest = z.infer<typeof projectUserUpdateRequestSchema>;

export const projectUserDeleteResponseSchema = z.object({
  object: z.literal("organization.project.user.deleted"),
  id: z.string(),
  deleted: z.boolean(),
});

// ---- admin API keys (used for whoami) -------------------------------------------

export const adminApiKeySchema = z.object({
  object: z.literal("organization.admin_api_key"),
  id: z.string(),
  name: nullableString.optional(),
  redacted_value: z.string(),
  created_at: unixTime,
  /** Required by the schema, yet missing from the spec's own retrieve example: lenient. */
  expires_at: unixTime.nullable().optional(),
  last_used_at: unixTime.nullable().optional(),
  /** The spec lists the owner's keys but requires none of them. */
  owner: z.object({
    type: z.string().optional(),
    object: z.string().optional(),
    id: z.string().optional(),
    name: z.string().optional(),
    created_at: unixTime.optional(),
    role: z.string().optional(),
  }),
});
export type WireAdminApiKey = z.infer<typeof adminApiKeySchema>;

export const adminApiKeyListSchema = cursorList(adminApiKeySchema);

// ---- errors ---------------------------------------------------------------------

/** `ErrorResponse`: all four inner keys are required; `param` and `code` may be null. */
export const errorResponseSchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.string(),
    param: nullableString,
    code: nullableString,
  }),
});
export type WireErrorResponse = z.infer<typeof errorResponseSchema>;

/** What the error-message extractor needs: lenient, so a partial error body still yields its message. */
export const errorMessageSchema = z.object({ error: z.object({ message: z.string().min(1) }) });
