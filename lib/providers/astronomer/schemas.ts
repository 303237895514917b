import { z } from "zod";

/**
 * Astro Core API v1alpha1 wire shapes, written from the generated client docs in
 * specs/astronomer/v1alpha1/client/docs (model name in each comment). The docs use
 * Python snake_case attribute names; the wire uses camelCase.
 *
 * Properties the docs mark `[optional]` are pydantic `Optional[...] = None` in the
 * generated client, which accepts JSON null as well as absence, so they are
 * `.nullish()` here. Objects are loose: unknown extra fields are allowed.
 */

const str = z.string();
const optStr = z.string().nullish();
const optInt = z.number().int().nullish();
/** `datetime` in the docs; ISO-8601 on the wire (`YYYY-MM-DDTHH:MM:SSZ`). */
const datetime = z.iso.datetime({ offset: true });

/** Error.md */
export const errorSchema = z.looseObject({
  message: str,
  requestId: str,
  statusCode: z.number().int(),
});

/** BasicSubjectProfile.md */
export const basicSubjectProfileSchema = z.looseObject({
  apiTokenName: optStr,
  avatarUrl: optStr,
  fullName: optStr,
  id: str,
  subjectType: optStr,
  username: optStr,
});

/** Invite.md */
export const inviteSchema = z.looseObject({
  expiresAt: str,
  inviteId: str,
  invitee: basicSubjectProfileSchema,
  inviter: basicSubjectProfileSchema,
  oAuthInviteId: optStr,
  orgName: optStr,
  orgShortName: optStr,
  organizationId: str,
  organizationName: optStr,
  organizationShortName: optStr,
  ticketId: optStr,
  userId: optStr,
});

/** Scope.md and Subject.md (same shape). */
export const entityRefSchema = z.looseObject({ entityId: str, type: str });

/** UserRole.md */
export const userRoleSchema = z.looseObject({
  role: str,
  scope: entityRefSchema,
  subject: entityRefSchema,
});

/** FeatureFlag.md */
export const featureFlagSchema = z.looseObject({ key: str, value: z.boolean() });

/** User.md */
export const userSchema = z.looseObject({
  avatarUrl: str,
  colorModePreference: optStr,
  createdAt: datetime,
  fullName: str,
  id: str,
  invites: z.array(inviteSchema).nullish(),
  lastLogin: optStr,
  lastLoginConnectionName: optStr,
  lastLoginConnectionType: optStr,
  orgCount: optInt,
  /** Only when listing org users. */
  orgRole: optStr,
  orgUserRelationIsIdpManaged: z.boolean().nullish(),
  roles: z.array(userRoleSchema).nullish(),
  status: str,
  systemRole: optStr,
  updatedAt: datetime,
  username: str,
  workspaceCount: optInt,
  /** Only when listing workspace users. */
  workspaceRole: optStr,
});

/** ModelSelf.md */
export const selfSchema = z.looseObject({
  avatarUrl: str,
  colorModePreference: optStr,
  createdAt: datetime,
  featureFlags: z.array(featureFlagSchema).nullish(),
  fullName: str,
  id: str,
  intercomUserHash: optStr,
  invites: z.array(inviteSchema).nullish(),
  organizationId: optStr,
  roles: z.array(userRoleSchema).nullish(),
  status: str,
  systemRole: optStr,
  updatedAt: datetime,
  username: str,
});

/**
 * UsersPaginated.md. The envelope is read strictly; its items are read one by one
 * against `userSchema` (tolerant.ts), so one odd user never fails the page.
 */
export const usersPageSchema = z.looseObject({
  limit: z.number().int(),
  offset: z.number().int(),
  totalCount: z.number().int(),
  users: z.array(z.unknown()),
});

/** Workspace.md */
export const workspaceSchema = z.looseObject({
  apiKeyOnlyDeploymentsDefault: z.boolean(),
  createdAt: datetime,
  createdBy: basicSubjectProfileSchema.nullish(),
  deploymentCount: optInt,
  description: optStr,
  id: str,
  name: str,
  orgShortName: optStr,
  organizationId: str,
  organizationName: optStr,
  organizationShortName: optStr,
  serverlessRuntimeCount: optInt,
  updatedAt: datetime,
  updatedBy: basicSubjectProfileSchema.nullish(),
  userCount: optInt,
});

/** WorkspacesPaginated.md */
export const workspacesPageSchema = z.looseObject({
  limit: z.number().int(),
  offset: z.number().int(),
  totalCount: z.number().int(),
  /** Read one by one against `workspaceSchema`. */
  workspaces: z.array(z.unknown()),
});

/** CreateUserInviteRequest.md */
export const createUserInviteRequestSchema = z.looseObject({ inviteeEmail: str, role: str });

/** MutateOrgUserRoleRequest.md */
export const mutateOrgUserRoleRequestSchema = z.looseObject({ role: str });

/** MutateWorkspaceUserRoleRequest.md */
export const mutateWorkspaceUserRoleRequestSchema = z.looseObject({ role: str });

export type WireError = z.infer<typeof errorSchema>;
export type WireSubject = z.infer<typeof basicSubjectProfileSchema>;
export type WireInvite = z.infer<typeof inviteSchema>;
export type WireUserRole = z.infer<typeof userRoleSchema>;
export type WireUser = z.infer<typeof userSchema>;
export type WireSelf = z.infer<typeof selfSchema>;
export type WireUsersPage = z.infer<typeof usersPageSchema>;
export type WireWorkspace = z.infer<typeof workspaceSchema>;
export type WireWorkspacesPage = z.infer<typeof workspacesPageSchema>;
export type CreateUserInviteRequest = z.infer<typeof createUserInviteRequestSchema>;
export type MutateRoleRequest = z.infer<typeof mutateOrgUserRoleRequestSchema>;

/** Model doc name → schema, so the contract test can compare them with the docs. */
export const WIRE_MODELS = {
  Error: errorSchema,
  BasicSubjectProfile: basicSubjectProfileSchema,
  Invite: inviteSchema,
  Scope: entityRefSchema,
  Subject: entityRefSchema,
  UserRole: userRoleSchema,
  FeatureFlag: featureFlagSchema,
  User: userSchema,
  ModelSelf: selfSchema,
  UsersPaginated: usersPageSchema,
  Workspace: workspaceSchema,
  WorkspacesPaginated: workspacesPageSchema,
  CreateUserInviteRequest: createUserInviteRequestSchema,
  MutateOrgUserRoleRequest: mutateOrgUserRoleRequestSchema,
  MutateWorkspaceUserRoleRequest: mutateWorkspaceUserRoleRequestSchema,
} as const;
