import { z } from "zod";
import { createProviderHttp, type ProviderHttp, type Query } from "../http";
import { type CreateUserInviteRequest, errorSchema, inviteSchema, userRoleSchema, usersPageSchema, workspacesPageSchema } from "./schemas";

/** A single user or self: an object, read field by field by the caller (tolerant.ts). */
export const objectSchema = z.looseObject({});

/**
 * Thin typed client for the Astro Core API v1alpha1 (one function per endpoint
 * Roster uses). Paths are relative to the base URL, which ends in `/v1alpha1`.
 */

export interface PageQuery {
  offset: number;
  limit: number;
  search?: string;
  /** `field:asc|desc`, in order of precedence. */
  sorts?: string[];
}

export interface OrgUsersQuery extends PageQuery {
  hasInvites?: boolean;
}

export interface AstronomerClientOptions {
  baseUrl: string;
  token: string;
  organizationId: string;
  timeoutMs?: number;
}

export function astronomerErrorMessage(body: unknown): string | null {
  const parsed = errorSchema.partial().safeParse(body);
  return (parsed.success ? parsed.data.message?.trim() : undefined) || null;
}

export function astronomerErrorRequestId(body: unknown): string | null {
  const parsed = errorSchema.partial().safeParse(body);
  return (parsed.success ? parsed.data.requestId : undefined) || null;
}

const seg = encodeURIComponent;

export function createAstronomerClient(options: AstronomerClientOptions) {
  const http: ProviderHttp = createProviderHttp({
    provider: "astronomer",
    baseUrl: options.baseUrl,
    token: options.token,
    timeoutMs: options.timeoutMs,
    errorMessage: astronomerErrorMessage,
    errorRequestId: astronomerErrorRequestId,
  });
  const org = `/organizations/${seg(options.organizationId)}`;

  const pageQuery = (q: PageQuery): Query => ({ offset: q.offset, limit: q.limit, search: q.search, sorts: q.sorts });

  return {
    getSelf: (signal?: AbortSignal) => http.request({ path: "/users/self", schema: objectSchema, signal }),

    listOrgUsers: (q: OrgUsersQuery, signal?: AbortSignal) =>
      http.request({ path: `${org}/users`, query: { ...pageQuery(q), hasInvites: q.hasInvites }, schema: usersPageSchema, signal }),

    getOrgUser: (userId: string, signal?: AbortSignal) =>
      http.request({ path: `${org}/users/${seg(userId)}`, schema: objectSchema, signal }),

    mutateOrgUserRole: (userId: string, role: string) =>
      http.request({ method: "POST", path: `${org}/users/${seg(userId)}/role`, body: { role }, schema: userRoleSchema }),

    deleteOrgUser: (userId: string) => http.request({ method: "DELETE", path: `${org}/users/${seg(userId)}` }),

    listWorkspaces: (q: PageQuery, signal?: AbortSignal) =>
      http.request({ path: `${org}/workspaces`, query: pageQuery(q), schema: workspacesPageSchema, signal }),

    listWorkspaceUsers: (workspaceId: string, q: PageQuery, signal?: AbortSignal) =>
      http.request({ path: `${org}/workspaces/${seg(workspaceId)}/users`, query: pageQuery(q), schema: usersPageSchema, signal }),

    mutateWorkspaceUserRole: (workspaceId: string, userId: string, role: string) =>
      http.request({
        method: "POST",
        path: `${org}/workspaces/${seg(workspaceId)}/users/${seg(userId)}/role`,
        body: { role },
        schema: userRoleSchema,
      }),

    deleteWorkspaceUser: (workspaceId: string, userId: string) =>
      http.request({ method: "DELETE", path: `${org}/workspaces/${seg(workspaceId)}/users/${seg(userId)}` }),

    createInvite: (body: CreateUserInviteRequest) => http.request({ method: "POST", path: `${org}/invites`, body, schema: inviteSchema }),

    deleteInvite: (inviteId: string) => http.request({ method: "DELETE", path: `${org}/invites/${seg(inviteId)}` }),
  };
}

export type AstronomerClient = ReturnType<typeof createAstronomerClient>;
