import { isNotFound, ProviderError } from "../errors";
import type { ProviderAdapter, ProviderCapabilities, ProviderConnection } from "../types";
import { createOpenAIClient, PAGE_LIMIT } from "./client";
import { resolveIdentity } from "./identity";
import { collectPages, isPendingInvite, toInvite, toMember } from "./mapping";
import { isOpenAIRole, OPENAI_ROLE_NAMES, type OpenAIRole, ORGANIZATION_ROLES } from "./roles";

export const OPENAI_CAPABILITIES: ProviderCapabilities = {
  listInvites: true,
  revokeInvite: true,
  workspaceRoles: false,
  serviceAccounts: false,
};

function refuse(status: number, message: string): ProviderError {
  return new ProviderError({ provider: "openai", kind: "http", status, message });
}

/** Checked before the call, so Roster never sends a role the spec does not allow. */
function openAIRole(role: string): OpenAIRole {
  if (isOpenAIRole(role)) return role;
  throw refuse(400, `"${role}" is not an OpenAI organization role (use ${OPENAI_ROLE_NAMES.join(" or ")})`);
}

/** OpenAI projects are not managed by Roster: there is no workspace-level role or membership. */
function noWorkspaces(workspaceId: string | undefined, action: string): void {
  if (workspaceId !== undefined) throw refuse(501, `OpenAI has no workspaces: cannot ${action} in workspace ${workspaceId}`);
}

export function createOpenAIAdapter(connection: ProviderConnection): ProviderAdapter {
  const client = createOpenAIClient(connection);

  return {
    id: "openai",
    label: "OpenAI",
    capabilities: OPENAI_CAPABILITIES,

    whoami: (options) => resolveIdentity(client, connection.token, options?.signal),

    async listMembers(options) {
      const users = await collectPages(
        (after) => client.listUsers({ limit: PAGE_LIMIT, after }, options?.signal),
        options?.onProgress,
      );
      return users.map(toMember);
    },

    async listInvites(options) {
      const invites = await collectPages(
        (after) => client.listInvites({ limit: PAGE_LIMIT, after }, options?.signal),
        options?.onProgress,
      );
      // The list also returns accepted and expired invites; only pending ones are invites in Roster.
      return invites.filter(isPendingInvite).map(toInvite);
    },

    listRoles: async () => ORGANIZATION_ROLES.map((role) => ({ ...role })),

    listWorkspaces: async () => [],

    async getMember(memberId, options) {
      try {
        return toMember(await client.getUser(memberId, options?.signal));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async invite({ email, role }) {
      // `projects` omitted on purpose: like the dashboard, the invitee also joins the default project.
      return toInvite(await client.createInvite({ email, role: openAIRole(role) }));
    },

    async revokeInvite(inviteId) {
      await client.deleteInvite(inviteId);
    },

    async changeRole({ memberId, role, workspaceId }) {
      noWorkspaces(workspaceId, "change a role");
      await client.updateUser(memberId, { role: openAIRole(role) });
    },

    async removeMember({ memberId, workspaceId }) {
      noWorkspaces(workspaceId, "remove a member");
      await client.deleteUser(memberId);
    },
  };
}
