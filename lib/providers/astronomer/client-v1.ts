import { createProviderHttp, type Query } from "../http";
import { astronomerErrorMessage, astronomerErrorRequestId, type AstronomerClientOptions, objectSchema, type PageQuery } from "./client";
import {
  inviteSchemaV1,
  subjectRolesSchemaV1,
  teamMembersPageSchemaV1,
  teamsPageSchemaV1,
  type UpdateUserRolesRequestV1,
  usersPageSchemaV1,
  workspacesPageSchemaV1,
} from "./schemas-v1";

/**
 * Thin typed client for the Astro Platform API v1 (one function per endpoint Roster
 * uses). Paths are relative to the base URL, which ends in `/v1`.
 */

const seg = encodeURIComponent;

export function createAstronomerClientV1(options: AstronomerClientOptions) {
  const http = createProviderHttp({
    provider: "astronomer",
    baseUrl: options.baseUrl,
    token: options.token,
    timeoutMs: options.timeoutMs,
    errorMessage: astronomerErrorMessage,
    errorRequestId: astronomerErrorRequestId,
  });
  const org = `/organizations/${seg(options.organizationId)}`;
  const pageQuery = (q: PageQuery): Query => ({ offset: q.offset, limit: q.limit, sorts: q.sorts });

  return {
    getSelf: (signal?: AbortSignal) => http.request({ path: "/users/self", schema: objectSchema, signal }),

    listOrgUsers: (q: PageQuery, signal?: AbortSignal) =>
      http.request({ path: `${org}/users`, query: pageQuery(q), schema: usersPageSchemaV1, signal }),

    getOrgUser: (userId: string, signal?: AbortSignal) =>
      http.request({ path: `${org}/users/${seg(userId)}`, schema: objectSchema, signal }),

    /** The full set of the user's roles: arrays replace what the user had. */
    updateUserRoles: (userId: string, body: UpdateUserRolesRequestV1) =>
      http.request({ method: "POST", path: `${org}/users/${seg(userId)}/roles`, body, schema: subjectRolesSchemaV1 }),

    listWorkspaces: (q: PageQuery, signal?: AbortSignal) =>
      http.request({ path: `${org}/workspaces`, query: pageQuery(q), schema: workspacesPageSchemaV1, signal }),

    listTeams: (q: PageQuery, signal?: AbortSignal) =>
      http.request({ path: `${org}/teams`, query: pageQuery(q), schema: teamsPageSchemaV1, signal }),

    listTeamMembers: (teamId: string, q: PageQuery, signal?: AbortSignal) =>
      http.request({ path: `${org}/teams/${seg(teamId)}/members`, query: pageQuery(q), schema: teamMembersPageSchemaV1, signal }),

    listUserTeams: (userId: string, q: PageQuery, signal?: AbortSignal) =>
      http.request({ path: `${org}/users/${seg(userId)}/teams`, query: pageQuery(q), schema: teamsPageSchemaV1, signal }),

    createInvite: (body: { inviteeEmail: string; role: string }) =>
      http.request({ method: "POST", path: `${org}/invites`, body, schema: inviteSchemaV1 }),

    deleteInvite: (inviteId: string) => http.request({ method: "DELETE", path: `${org}/invites/${seg(inviteId)}` }),
  };
}

export type AstronomerClientV1 = ReturnType<typeof createAstronomerClientV1>;
