import { z } from "zod";

/**
 * Astro Platform API v1 wire shapes, written from specs/astronomer/v1/astronomer-astro-openapi-original.yml
 * (schema name in each comment; only the ones Roster reads or sends). Objects are loose
 * (unknown extra fields allowed); enums are the spec's, so a value outside them is a
 * deviation the tolerant reader notes and keeps (tolerant.ts). List envelopes are strict
 * with items read one by one.
 */

const str = z.string();
const datetime = z.iso.datetime({ offset: true });

export const V1_ORGANIZATION_ROLES = [
  "ORGANIZATION_OWNER",
  "ORGANIZATION_OBSERVE_ADMIN",
  "ORGANIZATION_OBSERVE_MEMBER",
  "ORGANIZATION_BILLING_ADMIN",
  "ORGANIZATION_MEMBER",
] as const;
export const V1_WORKSPACE_ROLES = [
  "WORKSPACE_OWNER",
  "WORKSPACE_OPERATOR",
  "WORKSPACE_AUTHOR",
  "WORKSPACE_MEMBER",
  "WORKSPACE_ACCESSOR",
] as const;
export const V1_USER_STATUSES = ["ACTIVE", "INACTIVE", "PENDING", "BANNED"] as const;

/** Error */
export const errorSchemaV1 = z.looseObject({
  fieldErrors: z.array(z.looseObject({ code: str, field: str, message: str })).optional(),
  message: str,
  requestId: str,
  statusCode: z.number().int(),
});

/** BasicSubjectProfile */
export const subjectSchemaV1 = z.looseObject({
  apiTokenName: str.optional(),
  avatarUrl: str.optional(),
  fullName: str.optional(),
  id: str,
  subjectType: z.enum(["USER", "SERVICEKEY"]).optional(),
  username: str.optional(),
});

/** WorkspaceRole */
export const workspaceRoleSchemaV1 = z.looseObject({ role: z.enum(V1_WORKSPACE_ROLES), workspaceId: str });

/** DeploymentRole and DagRole: kept as they are, resent unchanged. */
const passThrough = z.looseObject({});

/** User */
export const userSchemaV1 = z.looseObject({
  avatarUrl: str,
  createdAt: datetime,
  dagRoles: z.array(passThrough).optional(),
  deploymentRoles: z.array(passThrough).optional(),
  fullName: str,
  id: str,
  organizationRole: z.enum(V1_ORGANIZATION_ROLES).optional(),
  status: z.enum(V1_USER_STATUSES),
  updatedAt: datetime,
  username: str,
  workspaceRoles: z.array(workspaceRoleSchemaV1).optional(),
});

/** SelfUser (the fields Roster reads). */
export const selfSchemaV1 = z.looseObject({
  avatarUrl: str.optional(),
  fullName: str,
  id: str,
  username: str,
});

/** Invite */
export const inviteSchemaV1 = z.looseObject({
  expiresAt: datetime,
  inviteId: str,
  invitee: subjectSchemaV1,
  inviter: subjectSchemaV1,
  organizationId: str,
  organizationName: str.optional(),
  userId: str.optional(),
});

/** Workspace */
export const workspaceSchemaV1 = z.looseObject({
  cicdEnforcedDefault: z.boolean(),
  createdAt: datetime,
  description: str.optional(),
  id: str,
  name: str,
  organizationId: str,
  updatedAt: datetime,
});

/** Team */
export const teamSchemaV1 = z.looseObject({
  createdAt: datetime,
  description: str.optional(),
  id: str,
  isIdpManaged: z.boolean(),
  name: str,
  organizationId: str,
  organizationRole: z.enum(V1_ORGANIZATION_ROLES),
  updatedAt: datetime,
  workspaceRoles: z.array(workspaceRoleSchemaV1).optional(),
});

/** TeamMember */
export const teamMemberSchemaV1 = z.looseObject({
  avatarUrl: str.optional(),
  createdAt: datetime.optional(),
  fullName: str.optional(),
  userId: str,
  username: str,
});

/** SubjectRoles (the answer to a role change). */
export const subjectRolesSchemaV1 = z.looseObject({
  organizationRole: str.optional(),
  workspaceRoles: z.array(workspaceRoleSchemaV1).optional(),
});

const envelope = <K extends string>(key: K) =>
  z.looseObject({ limit: z.number().int(), offset: z.number().int(), totalCount: z.number().int(), [key]: z.array(z.unknown()) } as {
    limit: z.ZodNumber;
    offset: z.ZodNumber;
    totalCount: z.ZodNumber;
  } & Record<K, z.ZodArray<z.ZodUnknown>>);

/** UsersPaginated, WorkspacesPaginated, TeamsPaginated, TeamMembersPaginated: items read one by one. */
export const usersPageSchemaV1 = envelope("users");
export const workspacesPageSchemaV1 = envelope("workspaces");
export const teamsPageSchemaV1 = envelope("teams");
export const teamMembersPageSchemaV1 = envelope("teamMembers");

/** CreateUserInviteRequest */
export const createInviteRequestSchemaV1 = z.strictObject({ inviteeEmail: str, role: z.enum(V1_ORGANIZATION_ROLES) });

/** UpdateUserRolesRequest (workspace and deployment roles require `organizationRole`). */
export const updateUserRolesRequestSchemaV1 = z
  .strictObject({
    organizationRole: z.enum(V1_ORGANIZATION_ROLES).optional(),
    workspaceRoles: z.array(z.strictObject({ role: z.enum(V1_WORKSPACE_ROLES), workspaceId: str })).optional(),
    deploymentRoles: z.array(passThrough).optional(),
    dagRoles: z.array(passThrough).optional(),
  })
  .refine((body) => body.organizationRole || (!body.workspaceRoles && !body.deploymentRoles), {
    message: "organizationRole is required when setting workspace or deployment roles",
    path: ["organizationRole"],
  });

export type WireUserV1 = z.infer<typeof userSchemaV1>;
export type WireInviteV1 = z.infer<typeof inviteSchemaV1>;
export type WireWorkspaceV1 = z.infer<typeof workspaceSchemaV1>;
export type WireTeamV1 = z.infer<typeof teamSchemaV1>;
export type WireTeamMemberV1 = z.infer<typeof teamMemberSchemaV1>;
export type WireWorkspaceRoleV1 = z.infer<typeof workspaceRoleSchemaV1>;
/** What Roster sends: role names as strings (the sandbox checks them against the enums). */
export interface UpdateUserRolesRequestV1 {
  organizationRole?: string;
  workspaceRoles?: Array<{ workspaceId: string; role: string }>;
  deploymentRoles?: unknown[];
  dagRoles?: unknown[];
}
