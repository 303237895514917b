import { createProviderHttp } from "../http";
import type { ProviderConnection } from "../types";
import {
  adminApiKeyListSchema,
  type CursorQuery,
  errorMessageSchema,
  inviteDeleteResponseSchema,
  inviteListSchema,
  type InviteRequest,
  inviteSchema,
  userDeleteResponseSchema,
  userListSchema,
  type UserRoleUpdateRequest,
  userSchema,
} from "./schemas";

/** The spec's largest page ("Limit can range between 1 and 100"). */
export const PAGE_LIMIT = 100;

/** The provider's own words from an `ErrorResponse` body. */
export function openAIErrorMessage(body: unknown): string | null {
  const parsed = errorMessageSchema.safeParse(body);
  return parsed.success ? parsed.data.error.message : null;
}

const userPath = (id: string) => `/organization/users/${encodeURIComponent(id)}`;
const invitePath = (id: string) => `/organization/invites/${encodeURIComponent(id)}`;

/** One function per Administration API endpoint Roster uses. */
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
    listUsers: (query: CursorQuery, signal?: AbortSignal) =>
      http.request({ path: "/organization/users", query: { ...query }, schema: userListSchema, signal }),

    getUser: (userId: string, signal?: AbortSignal) =>
      http.request({ path: userPath(userId), schema: userSchema, signal }),

    // Setting a role to a value is idempotent, so a lost answer may safely be retried.
    updateUser: (userId: string, body: UserRoleUpdateRequest) =>
      http.request({ method: "POST", path: userPath(userId), body, schema: userSchema, idempotent: true }),

    deleteUser: (userId: string) =>
      http.request({ method: "DELETE", path: userPath(userId), schema: userDeleteResponseSchema }),

    listInvites: (query: CursorQuery, signal?: AbortSignal) =>
      http.request({ path: "/organization/invites", query: { ...query }, schema: inviteListSchema, signal }),

    createInvite: (body: InviteRequest) =>
      http.request({ method: "POST", path: "/organization/invites", body, schema: inviteSchema }),

    deleteInvite: (inviteId: string) =>
      http.request({ method: "DELETE", path: invitePath(inviteId), schema: inviteDeleteResponseSchema }),

    listAdminApiKeys: (query: CursorQuery, signal?: AbortSignal) =>
      http.request({ path: "/organization/admin_api_keys", query: { ...query }, schema: adminApiKeyListSchema, signal }),
  };
}

export type OpenAIClient = ReturnType<typeof createOpenAIClient>;
