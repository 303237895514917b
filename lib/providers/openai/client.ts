import type { z } from "zod";
import { createProviderHttp } from "../http";
import { usagePageSchema } from "./usage";
import type { ProviderConnection } from "../types";
import {
  type CursorEnvelope,
  cursorEnvelopeSchema,
  type CursorQuery,
  errorMessageSchema,
  type InviteRequest,
  objectAnswerSchema,
  type ProjectUserCreateRequest,
  type ProjectUserUpdateRequest,
  type UserRoleUpdateRequest,
} from "./schemas";

type UsagePage = z.infer<typeof usagePageSchema>;

/** The spec's largest page ("Limit can range between 1 and 100"). */
export const PAGE_LIMIT = 100;

/** The provider's own words from an `ErrorResponse` body. */
export function openAIErrorMessage(body: unknown): string | null {
  const parsed = errorMessageSchema.safeParse(body);
  return parsed.success ? parsed.data.error.message : null;
}

const userPath = (id: string) => `/organization/users/${encodeURIComponent(id)}`;
const invitePath = (id: string) => `/organization/invites/${encodeURIComponent(id)}`;
const projectUsersPath = (projectId: string) => `/organization/projects/${encodeURIComponent(projectId)}/users`;
const projectUserPath = (projectId: string, userId: string) => `${projectUsersPath(projectId)}/${encodeURIComponent(userId)}`;

/**
 * One function per Administration API endpoint Roster uses. Lists come back as their
 * envelope (checked) with raw items, and single objects raw: the adapter reads the
 * items liberally (lib/providers/tolerant.ts) and notes what deviates.
 */
export function createOpenAIClient(connection: ProviderConnection) {
  const http = createProviderHttp({
    provider: "openai",
    baseUrl: connection.baseUrl,
    token: connection.token,
    timeoutMs: connection.timeoutMs,
    errorMessage: openAIErrorMessage,
    requestIdHeader: "x-request-id",
  });

  return {
    listUsers: (query: CursorQuery, signal?: AbortSignal): Promise<CursorEnvelope> =>
      http.request({ path: "/organization/users", query: { ...query }, schema: cursorEnvelopeSchema, signal }),

    getUser: (userId: string, signal?: AbortSignal) => http.request({ path: userPath(userId), schema: objectAnswerSchema, signal }),

    // Setting a role to a value is idempotent, so a lost answer may safely be retried.
    updateUser: (userId: string, body: UserRoleUpdateRequest) =>
      http.request({ method: "POST", path: userPath(userId), body, schema: objectAnswerSchema, idempotent: true }),

    // What a delete answers is not needed: a surprising body must not turn a done removal into a failure.
    deleteUser: (userId: string) => http.request({ method: "DELETE", path: userPath(userId), schema: objectAnswerSchema }),

    listInvites: (query: CursorQuery, signal?: AbortSignal): Promise<CursorEnvelope> =>
      http.request({ path: "/organization/invites", query: { ...query }, schema: cursorEnvelopeSchema, signal }),

    createInvite: (body: InviteRequest) =>
      http.request({ method: "POST", path: "/organization/invites", body, schema: objectAnswerSchema }),

    deleteInvite: (inviteId: string) => http.request({ method: "DELETE", path: invitePath(inviteId), schema: objectAnswerSchema }),

    /** Active projects only (`include_archived` left at its default, false): an archived project's users cannot be listed. */
    listProjects: (query: CursorQuery, signal?: AbortSignal): Promise<CursorEnvelope> =>
      http.request({ path: "/organization/projects", query: { ...query }, schema: cursorEnvelopeSchema, signal }),

    listProjectUsers: (projectId: string, query: CursorQuery, signal?: AbortSignal): Promise<CursorEnvelope> =>
      http.request({ path: projectUsersPath(projectId), query: { ...query }, schema: cursorEnvelopeSchema, signal }),

    getProjectUser: (projectId: string, userId: string, signal?: AbortSignal) =>
      http.request({ path: projectUserPath(projectId, userId), schema: objectAnswerSchema, signal }),

    addProjectUser: (projectId: string, body: ProjectUserCreateRequest) =>
      http.request({ method: "POST", path: projectUsersPath(projectId), body, schema: objectAnswerSchema }),

    // Setting a project role to a value is idempotent, like the organization role.
    updateProjectUser: (projectId: string, userId: string, body: ProjectUserUpdateRequest) =>
      http.request({ method: "POST", path: projectUserPath(projectId, userId), body, schema: objectAnswerSchema, idempotent: true }),

    deleteProjectUser: (projectId: string, userId: string) =>
      http.request({ method: "DELETE", path: projectUserPath(projectId, userId), schema: objectAnswerSchema }),
    /** Audit log entries of the given types since `since` (Unix seconds), newest first. */
    listAuditLogs: (query: CursorQuery & { since: number; types: readonly string[] }, signal?: AbortSignal): Promise<CursorEnvelope> =>
      http.request({
        path: "/organization/audit_logs",
        query: { limit: query.limit, after: query.after, "effective_at[gte]": query.since, "event_types[]": [...query.types] },
        schema: cursorEnvelopeSchema,
        signal,
      }),

    /** Completions usage grouped by user, in time buckets from `start_time` (Unix seconds). */
    listUsageCompletions: (
      query: { start_time: number; bucket_width: "1d"; limit: number; page?: string },
      signal?: AbortSignal,
    ): Promise<UsagePage> =>
      http.request({
        path: "/organization/usage/completions",
        query: { ...query, "group_by[]": ["user_id"] },
        schema: usagePageSchema,
        signal,
      }),

    listAdminApiKeys: (query: CursorQuery, signal?: AbortSignal): Promise<CursorEnvelope> =>
      http.request({ path: "/organization/admin_api_keys", query: { ...query }, schema: cursorEnvelopeSchema, signal }),
  };
}

export type OpenAIClient = ReturnType<typeof createOpenAIClient>;
