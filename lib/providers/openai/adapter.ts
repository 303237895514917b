import { readChanges } from "./audit-log";
import { isNotFound, ProviderError } from "../errors";
import type { ProviderAdapter, ProviderCapabilities, ProviderConnection } from "../types";
import { createOpenAIClient, PAGE_LIMIT } from "./client";
import { resolveIdentity } from "./identity";
import { readItems, readOne } from "../tolerant";
import { collectPages, INVITE_ITEM, isPendingInvite, type ReadInvite, toInvite, toMember, USER_ITEM } from "./mapping";
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
      const report = options?.report;
      const users = await collectPages(async (after) => {
        const envelope = await client.listUsers({ limit: PAGE_LIMIT, after }, options?.signal);
        return { envelope, items: readItems(USER_ITEM, envelope.data, report) };
      }, options?.onProgress);
      return users.map((user) => toMember(user, report));
    },

    async listInvites(options) {
      const report = options?.report;
      const invites = await collectPages(async (after) => {
        const envelope = await client.listInvites({ limit: PAGE_LIMIT, after }, options?.signal);
        return { envelope, items: readItems(INVITE_ITEM, envelope.data, report) as ReadInvite[] };
      }, options?.onProgress);
      // The list also returns accepted and expired invites; only pending ones are invites in Roster.
      return invites.filter(isPendingInvite).map((invite) => toInvite(invite, report));
    },

    readChanges: (since, options) => readChanges(client, since, options),

    listRoles: async () => ORGANIZATION_ROLES.map((role) => ({ ...role })),

    listWorkspaces: async () => [],

    async getMember(memberId, options) {
      try {
        return toMember(readOne("openai", USER_ITEM, await client.getUser(memberId, options?.signal), options?.report), options?.report);
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async invite({ email, role }) {
      // `projects` omitted on purpose: like the dashboard, the invitee also joins the default project.
      const sent = await client.createInvite({ email, role: openAIRole(role) });
      return toInvite(readOne("openai", INVITE_ITEM, sent) as ReadInvite);
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
