import { clientCredentialsBearer } from "../client-credentials";
import { type BearerSource, buildUrl, createProviderHttp, fixedBearer } from "../http";
import type { ProviderConnection } from "../types";
import {
  type GroupMembershipChange,
  type InviteNewUser,
  type ListGroupMembershipsQuery,
  type ListGroupsQuery,
  type ListRoleBindingsQuery,
  type ListRolesQuery,
  type ListUsersQuery,
  type ListWorkspacesQuery,
  type PatchServiceAccountUser,
  type PatchUser,
  type PostEndUser,
  type PostRoleBinding,
  type PostServiceAccount,
  type ValidationErrorItem,
  errorBodySchema,
  objectAnswerSchema,
  type PageEnvelope,
  pageEnvelopeSchema,
  sensitiveUserSchema,
  userSchema,
  userServiceAccountCredentialsSchema,
} from "./schemas";

/**
 * Thin typed client for the Arthur platform API: one function per endpoint Roster
 * uses, every call through the shared provider HTTP layer. Paths start with /api/v1
 * because Arthur's base URL is the bare host.
 */

/** The location of a 422 item without FastAPI's leading "body", e.g. `email` or `query.page`. */
function fieldOf(loc: ValidationErrorItem["loc"]): string {
  return (loc[0] === "body" ? loc.slice(1) : loc).join(".");
}

/** Arthur's own words from a FastAPI error body: `detail` text, or the 422 list as "field: message". */
export function arthurErrorMessage(body: unknown): string | null {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return null;
  const { detail } = parsed.data;
  if (typeof detail === "string") return detail.trim() || null;
  const parts = detail.map((item) => (fieldOf(item.loc) ? `${fieldOf(item.loc)}: ${item.msg}` : item.msg));
  return parts.length ? parts.join("; ") : null;
}

const id = (value: string) => encodeURIComponent(value);

/** Arthur's OpenID Connect discovery document; it names the token endpoint. */
export const ARTHUR_DISCOVERY_PATH = "/api/v1/auth/oidc/.well-known/openid-configuration";

/** What a 401 means with a fixed access token: it expired (Arthur's last minutes), and how to stop that. */
export function expiredAccessToken(said: string): string {
  return (
    `Arthur rejected Roster's access token (ARTHUR_ACCESS_TOKEN), which has expired or been revoked: ${said}. ` +
    "Arthur's access tokens are short-lived: set ARTHUR_CLIENT_ID and ARTHUR_CLIENT_SECRET to an Arthur service account's " +
    "credentials (Roster's Service accounts page creates one) and Roster signs in by itself and renews its token."
  );
}

/** Client credentials when configured (renewed by Roster), else the fixed access token. */
function arthurBearer(connection: ProviderConnection): BearerSource {
  if (!connection.clientCredentials) return fixedBearer(connection.token, expiredAccessToken);
  return clientCredentialsBearer({
    provider: "arthur",
    discoveryUrl: buildUrl(connection.baseUrl, ARTHUR_DISCOVERY_PATH),
    credentials: connection.clientCredentials,
    timeoutMs: connection.timeoutMs,
    errorMessage: arthurErrorMessage,
  });
}

export function createArthurClient(connection: ProviderConnection) {
  const http = createProviderHttp({
    provider: "arthur",
    baseUrl: connection.baseUrl,
    token: connection.token,
    bearer: arthurBearer(connection),
    timeoutMs: connection.timeoutMs,
    errorMessage: arthurErrorMessage,
  });
  type Signal = AbortSignal | undefined;

  return {
    /** Raw: read liberally by the caller (mapping.ts, USER_ITEM). */
    getMe: (signal?: Signal) => http.request({ path: "/api/v1/users/me", schema: objectAnswerSchema, signal }),

    // Lists come back as their envelope (checked) with raw records, read liberally by lists.ts.
    listUsers: (query: ListUsersQuery, signal?: Signal): Promise<PageEnvelope> =>
      http.request({ path: "/api/v1/organization/users", query, schema: pageEnvelopeSchema, signal }),

    listRoles: (query: ListRolesQuery, signal?: Signal): Promise<PageEnvelope> =>
      http.request({ path: "/api/v1/organization/roles", query, schema: pageEnvelopeSchema, signal }),

    listRoleBindings: (query: ListRoleBindingsQuery, signal?: Signal): Promise<PageEnvelope> =>
      http.request({ path: "/api/v1/organization/role_bindings", query, schema: pageEnvelopeSchema, signal }),

    listWorkspaces: (query: ListWorkspacesQuery, signal?: Signal): Promise<PageEnvelope> =>
      http.request({ path: "/api/v1/organization/workspaces", query, schema: pageEnvelopeSchema, signal }),

    listGroups: (query: ListGroupsQuery, signal?: Signal): Promise<PageEnvelope> =>
      http.request({ path: "/api/v1/organization/groups", query, schema: pageEnvelopeSchema, signal }),

    listGroupMemberships: (query: ListGroupMembershipsQuery, signal?: Signal): Promise<PageEnvelope> =>
      http.request({ path: "/api/v1/organization/group_memberships", query, schema: pageEnvelopeSchema, signal }),

    /** 200 with the group; adding someone already in it changes nothing. */
    addGroupUsers: (groupId: string, body: GroupMembershipChange) =>
      http.request({ method: "POST", path: `/api/v1/groups/${id(groupId)}/users`, body, schema: objectAnswerSchema }),

    removeGroupUsers: (groupId: string, body: GroupMembershipChange) =>
      http.request({ method: "DELETE", path: `/api/v1/groups/${id(groupId)}/users`, body, schema: objectAnswerSchema }),

    /** 201 with an unspecified body: Arthur returns no invite object. */
    inviteUser: (body: InviteNewUser) => http.request({ method: "POST", path: "/api/v1/organization/users/invite-user", body }),

    createRoleBinding: (body: PostRoleBinding) =>
      http.request({ method: "POST", path: "/api/v1/organization/role_bindings", body, schema: objectAnswerSchema }),

    deleteRoleBinding: (bindingId: string) => http.request({ method: "DELETE", path: `/api/v1/role_bindings/${id(bindingId)}` }),

    deleteUser: (userId: string) => http.request({ method: "DELETE", path: `/api/v1/users/${id(userId)}` }),

    createUser: (body: PostEndUser) => http.request({ method: "POST", path: "/api/v1/organization/users", body, schema: userSchema }),

    patchUser: (userId: string, body: PatchUser) =>
      http.request({ method: "PATCH", path: `/api/v1/users/${id(userId)}`, body, schema: userSchema }),

    createServiceAccount: (body: PostServiceAccount) =>
      http.request({
        method: "POST",
        path: "/api/v1/organization/service_accounts",
        body,
        schema: userServiceAccountCredentialsSchema,
      }),

    renameServiceAccount: (userId: string, body: PatchServiceAccountUser) =>
      http.request({ method: "PATCH", path: `/api/v1/users/${id(userId)}/service_account`, body, schema: userSchema }),

    regenerateCredentials: (userId: string) =>
      http.request({ method: "POST", path: `/api/v1/users/${id(userId)}/credentials`, schema: sensitiveUserSchema }),

    /** Accepts every pending invitation of the caller (204). */
    acceptInvites: () => http.request({ method: "POST", path: "/api/v1/users/me/accept-invite" }),
  };
}

export type ArthurClient = ReturnType<typeof createArthurClient>;
