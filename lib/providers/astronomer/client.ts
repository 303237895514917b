import type { z } from "zod";
import { ProviderError } from "../errors";
import { createProviderHttp, type ProviderHttp, type Query, type RequestOptions } from "../http";
import {
  type CreateUserInviteRequest,
  errorSchema,
  inviteSchema,
  selfSchema,
  userRoleSchema,
  userSchema,
  usersPageSchema,
  workspacesPageSchema,
} from "./schemas";

/**
 * Thin typed client for the Astro Core API v1alpha1 (one function per endpoint
 * Roster uses). Paths are relative to the base URL, which ends in `/v1alpha1`.
 */

export interface PageQuery {
  offset: number;
  limit: number;
  search?: string;
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

/**
 * The shared HTTP layer takes only a message from an error body, but Astro's body
 * also carries `requestId`. The extractor appends it after this marker and `call`
 * moves it into `ProviderError.requestId`, so the message stays the provider's own.
 */
const REQUEST_ID_MARK = "\u0000requestId:";

export function astronomerErrorMessage(body: unknown): string | null {
  const parsed = errorSchema.partial().safeParse(body);
  const message = parsed.success ? parsed.data.message?.trim() : undefined;
  if (!message) return null;
  const requestId = parsed.success ? parsed.data.requestId : undefined;
  return requestId ? `${message}${REQUEST_ID_MARK}${requestId}` : message;
}

function withRequestId(error: unknown): unknown {
  if (!(error instanceof ProviderError)) return error;
  const [message, requestId] = error.message.split(REQUEST_ID_MARK);
  if (requestId === undefined) return error;
  return new ProviderError({
    provider: error.provider,
    kind: error.kind,
    status: error.status,
    message,
    requestId: error.requestId ?? requestId,
  });
}

const seg = encodeURIComponent;

export function createAstronomerClient(options: AstronomerClientOptions) {
  const http: ProviderHttp = createProviderHttp({
    provider: "astronomer",
    baseUrl: options.baseUrl,
    token: options.token,
    timeoutMs: options.timeoutMs,
    errorMessage: astronomerErrorMessage,
  });
  const org = `/organizations/${seg(options.organizationId)}`;

  async function call<S extends z.ZodType | undefined = undefined>(req: RequestOptions<S>) {
    try {
      return await http.request(req);
    } catch (error) {
      throw withRequestId(error);
    }
  }

  const pageQuery = (q: PageQuery): Query => ({ offset: q.offset, limit: q.limit, search: q.search });

  return {
    getSelf: (signal?: AbortSignal) => call({ path: "/users/self", schema: selfSchema, signal }),

    listOrgUsers: (q: OrgUsersQuery, signal?: AbortSignal) =>
      call({ path: `${org}/users`, query: { ...pageQuery(q), hasInvites: q.hasInvites }, schema: usersPageSchema, signal }),

    getOrgUser: (userId: string, signal?: AbortSignal) =>
      call({ path: `${org}/users/${seg(userId)}`, schema: userSchema, signal }),

    mutateOrgUserRole: (userId: string, role: string) =>
      call({ method: "POST", path: `${org}/users/${seg(userId)}/role`, body: { role }, schema: userRoleSchema }),

    deleteOrgUser: (userId: string) => call({ method: "DELETE", path: `${org}/users/${seg(userId)}` }),

    listWorkspaces: (q: PageQuery, signal?: AbortSignal) =>
      call({ path: `${org}/workspaces`, query: pageQuery(q), schema: workspacesPageSchema, signal }),

    listWorkspaceUsers: (workspaceId: string, q: PageQuery, signal?: AbortSignal) =>
      call({ path: `${org}/workspaces/${seg(workspaceId)}/users`, query: pageQuery(q), schema: usersPageSchema, signal }),

    mutateWorkspaceUserRole: (workspaceId: string, userId: string, role: string) =>
      call({
        method: "POST",
        path: `${org}/workspaces/${seg(workspaceId)}/users/${seg(userId)}/role`,
        body: { role },
        schema: userRoleSchema,
      }),

    deleteWorkspaceUser: (workspaceId: string, userId: string) =>
      call({ method: "DELETE", path: `${org}/workspaces/${seg(workspaceId)}/users/${seg(userId)}` }),

    createInvite: (body: CreateUserInviteRequest) =>
      call({ method: "POST", path: `${org}/invites`, body, schema: inviteSchema }),

    deleteInvite: (inviteId: string) => call({ method: "DELETE", path: `${org}/invites/${seg(inviteId)}` }),
  };
}

export type AstronomerClient = ReturnType<typeof createAstronomerClient>;
