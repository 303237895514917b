import { z } from "zod";
import { ISO_DATE_TIME } from "../tolerant";

/**
 * Arthur platform API ("Arthur Scope" 0.1.0) wire shapes, from
 * specs/arthur/arthur-ai-platform-openapi.json. Response schemas follow the spec's
 * required/nullable markers but accept unknown extra fields (zod strips them) and do
 * not re-check string formats, so a harmless server change cannot break a listing.
 * Request schemas check formats (uuid, email) as the server does; the sandbox uses
 * them to answer 422 exactly where Arthur would.
 */

export const userTypeSchema = z.enum(["user", "data_plane", "service_account"]);
export const boundResourceKindSchema = z.enum(["organization", "workspace", "project", "data_plane"]);
export const boundMemberKindSchema = z.enum(["user", "group"]);
export const sortOrderSchema = z.enum(["asc", "desc"]);
export const userSortSchema = z.enum(["name", "email", "created_at", "updated_at"]);
export const roleSortSchema = z.enum(["name", "created_at", "updated_at"]);
export const workspaceSortSchema = z.enum(["name", "created_at", "updated_at"]);

export type UserType = z.infer<typeof userTypeSchema>;
/** What the list endpoints assume when `user_types` is not sent. */
export const SPEC_DEFAULT_USER_TYPES: UserType[] = ["user", "service_account"];
export type BoundResourceKind = z.infer<typeof boundResourceKindSchema>;
export type BoundMemberKind = z.infer<typeof boundMemberKindSchema>;

// ── Responses ────────────────────────────────────────────────────────────────

/** `Pagination`: only the totals are required. */
export const paginationSchema = z.object({
  page: z.number().int().optional(),
  page_size: z.number().int().optional(),
  total_pages: z.number().int(),
  total_records: z.number().int(),
});

/** `ResourceList[T]`. */
export function resourceListSchema<T extends z.ZodType>(record: T) {
  return z.object({ records: z.array(record), pagination: paginationSchema });
}

/**
 * How Roster reads a page: the envelope strictly (records and the totals the paging
 * needs), its records one by one and liberally (lib/providers/tolerant.ts).
 */
export const pageEnvelopeSchema = resourceListSchema(z.unknown());
export type PageEnvelope = z.infer<typeof pageEnvelopeSchema>;

/** Any single object answer; its fields are read liberally. */
export const objectAnswerSchema = z.record(z.string(), z.unknown());

/** `format: date-time`: an ISO 8601 time with a zone (others are read liberally, and noted). */
const dateTime = () => z.string().regex(ISO_DATE_TIME);

export const userSchema = z.object({
  created_at: dateTime(),
  updated_at: dateTime(),
  organization_id: z.string(),
  id: z.string(),
  first_name: z.string(),
  last_name: z.string().nullable(),
  email: z.string().nullish(),
  picture: z.string().nullish(),
  user_type: userTypeSchema,
  data_plane_id: z.string().nullish(),
  client_id: z.string().nullish(),
  organization_name: z.string(),
});

export const serviceAccountCredentialsSchema = z.object({ client_id: z.string(), client_secret: z.string() });
export const userCredentialsSchema = z.object({ password: z.string() });

/** `UserServiceAccountCredentials`: the new service account plus its credentials. */
export const userServiceAccountCredentialsSchema = userSchema.extend({
  credentials: serviceAccountCredentialsSchema,
});

/** `SensitiveUser`: a user plus freshly generated credentials of either kind. */
export const sensitiveUserSchema = userSchema.extend({
  credentials: z.union([serviceAccountCredentialsSchema, userCredentialsSchema]),
});

export const roleSchema = z.object({
  created_at: dateTime(),
  updated_at: dateTime(),
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  organization_bindable: z.boolean(),
  workspace_bindable: z.boolean(),
  project_bindable: z.boolean(),
  data_plane_bindable: z.boolean(),
  permissions: z.array(z.string()),
  base_role_ids: z.array(z.string()),
});

const namedRefSchema = z.object({ id: z.string(), name: z.string() });

export const roleBindingSchema = z.object({
  created_at: dateTime(),
  updated_at: dateTime(),
  id: z.string(),
  role: namedRefSchema,
  bound_resource_kind: boundResourceKindSchema,
  bound_resource: namedRefSchema.extend({
    metadata: z.object({ workspace_id: z.string(), workspace_name: z.string() }).nullish(),
  }),
  bound_member_kind: boundMemberKindSchema,
  bound_member: namedRefSchema,
});

export const workspaceSchema = z.object({
  created_at: dateTime(),
  updated_at: dateTime(),
  id: z.string(),
  name: z.string(),
  organization_id: z.string(),
});

/** `Group`: `members` is its member count. */
export const groupSchema = z.object({
  created_at: dateTime(),
  updated_at: dateTime(),
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  identity_provider_mapping_name: z.string().nullish(),
  organization_id: z.string(),
  members: z.number().int(),
});

/** `GroupMembership`: one user in one group. */
export const groupMembershipSchema = z.object({
  created_at: dateTime(),
  updated_at: dateTime(),
  group: groupSchema,
  group_id: z.string(),
  user_id: z.string(),
});

export const userListSchema = resourceListSchema(userSchema);
export const roleListSchema = resourceListSchema(roleSchema);
export const roleBindingListSchema = resourceListSchema(roleBindingSchema);
export const workspaceListSchema = resourceListSchema(workspaceSchema);

export type WireUser = z.infer<typeof userSchema>;
export type WireRole = z.infer<typeof roleSchema>;
export type WireRoleBinding = z.infer<typeof roleBindingSchema>;
export type WireWorkspace = z.infer<typeof workspaceSchema>;
export type WireGroup = z.infer<typeof groupSchema>;
export type WireGroupMembership = z.infer<typeof groupMembershipSchema>;
export type WireSensitiveUser = z.infer<typeof sensitiveUserSchema>;
export type WireServiceAccountUser = z.infer<typeof userServiceAccountCredentialsSchema>;
export type ResourceList<T> = { records: T[]; pagination: z.infer<typeof paginationSchema> };

// ── Error bodies (FastAPI) ───────────────────────────────────────────────────

export const validationErrorItemSchema = z.object({
  loc: z.array(z.union([z.string(), z.number()])),
  msg: z.string(),
  type: z.string(),
  input: z.unknown().optional(),
  ctx: z.record(z.string(), z.unknown()).optional(),
});

/** `BadRequestError`, `NotFoundError`, `ConflictError`, `InternalServerError` and 422 `HTTPValidationError`. */
export const errorBodySchema = z.object({
  detail: z.union([z.string(), z.array(validationErrorItemSchema)]),
});

export type ValidationErrorItem = z.infer<typeof validationErrorItemSchema>;

// ── Requests ─────────────────────────────────────────────────────────────────

const uuid = () => z.guid();

export const postGlobalRoleBindingSchema = z.object({
  role_id: uuid(),
  bound_resource_kind: boundResourceKindSchema,
  resource_id: uuid(),
});

export const inviteNewUserSchema = z.object({
  email: z.email(),
  role_binding: postGlobalRoleBindingSchema.nullish(),
  group_ids: z.array(uuid()).nullish(),
});

export const postRoleBindingSchema = z.object({
  role_id: uuid(),
  user_id: uuid().nullish(),
  group_id: uuid().nullish(),
});

export const postServiceAccountSchema = z.object({ name: z.string() });

export const patchServiceAccountUserSchema = z.object({ name: z.string().nullish() });

export const patchUserSchema = z.object({
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  email: z.email().nullish(),
  picture: z.string().nullish(),
});

export const postEndUserSchema = z.object({
  first_name: z.string(),
  last_name: z.string().nullish(),
  email: z.email(),
  password: z.string(),
  picture: z.string().nullish(),
});

/** `PostGroupMembership` and `DeleteGroupMembership`: the same shape. */
export const groupMembershipChangeSchema = z.object({ user_ids: z.array(uuid()) });

export type InviteNewUser = z.infer<typeof inviteNewUserSchema>;
export type PostRoleBinding = z.infer<typeof postRoleBindingSchema>;
export type PostServiceAccount = z.infer<typeof postServiceAccountSchema>;
export type PatchServiceAccountUser = z.infer<typeof patchServiceAccountUserSchema>;
export type PatchUser = z.infer<typeof patchUserSchema>;
export type PostEndUser = z.infer<typeof postEndUserSchema>;
export type GroupMembershipChange = z.infer<typeof groupMembershipChangeSchema>;

// ── Query parameters (names exactly as in the spec) ──────────────────────────

type Paging = { page?: number; page_size?: number };

export type ListUsersQuery = Paging & {
  sort?: z.infer<typeof userSortSchema>;
  order?: z.infer<typeof sortOrderSchema>;
  user_types?: UserType[];
  search?: string;
  user_ids?: string[];
};

export type ListRoleBindingsQuery = Paging & {
  search?: string;
  bound_member_kind?: BoundMemberKind;
  user_types?: UserType[];
};

export type ListRolesQuery = Paging & {
  sort?: z.infer<typeof roleSortSchema>;
  order?: z.infer<typeof sortOrderSchema>;
  name?: string;
  organization_bindable?: boolean;
  workspace_bindable?: boolean;
  project_bindable?: boolean;
};

export type ListWorkspacesQuery = Paging & {
  sort?: z.infer<typeof workspaceSortSchema>;
  order?: z.infer<typeof sortOrderSchema>;
  name?: string;
};

export const groupSortSchema = z.enum(["name", "created_at", "updated_at"]);

export type ListGroupsQuery = Paging & {
  sort?: z.infer<typeof groupSortSchema>;
  order?: z.infer<typeof sortOrderSchema>;
  name?: string;
};

export type ListGroupMembershipsQuery = Paging & {
  user_ids?: string[];
  group_ids?: string[];
  group_name?: string;
};

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 20;
