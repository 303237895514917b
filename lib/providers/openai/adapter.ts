import { readChanges } from "./audit-log";
import { readUsage } from "./usage";
import { isNotFound, ProviderError } from "../errors";
import type { ProviderAdapter, ProviderCapabilities, ProviderConnection } from "../types";
import { createOpenAIClient, PAGE_LIMIT } from "./client";
import { resolveIdentity } from "./identity";
import { readItems, readOne } from "../tolerant";
import { collectPages, INVITE_ITEM, PROJECT_USER_ITEM, isPendingInvite, type ReadInvite, toInvite, toMember, USER_ITEM } from "./mapping";
import {
  isOpenAIProjectRole,
  isOpenAIRole,
  OPENAI_PROJECT_ROLE_NAMES,
  OPENAI_ROLE_NAMES,
  type OpenAIProjectRole,
  type OpenAIRole,
  ORGANIZATION_ROLES,
  PROJECT_ROLES,
} from "./roles";
import { listProjects, projectRolesByUser } from "./projects";
import type { ListOptions, Member, ScopedRole } from "../types";

export const OPENAI_CAPABILITIES: ProviderCapabilities = {
  listInvites: true,
  revokeInvite: true,
  // Projects are OpenAI's workspaces: roles in them are read, added, changed and removed.
  workspaceRoles: true,
  serviceAccounts: false,
  addToWorkspace: true,
};

function refuse(status: number, message: string): ProviderError {
  return new ProviderError({ provider: "openai", kind: "http", status, message });
}

/** Checked before the call, so Roster never sends a role the spec does not allow. */
function openAIRole(role: string): OpenAIRole {
  if (isOpenAIRole(role)) return role;
  throw refuse(400, `"${role}" is not an OpenAI organization role (use ${OPENAI_ROLE_NAMES.join(" or ")})`);
}

function projectRole(role: string): OpenAIProjectRole {
  if (isOpenAIProjectRole(role)) return role;
  throw refuse(400, `"${role}" is not an OpenAI project role (use ${OPENAI_PROJECT_ROLE_NAMES.join(" or ")})`);
}

const withProjects = (member: Member, grants: ScopedRole[] | undefined): Member =>
  grants?.length ? { ...member, scopedRoles: grants } : member;

export function createOpenAIAdapter(connection: ProviderConnection): ProviderAdapter {
  const client = createOpenAIClient(connection);

  /** One member's project roles, read fresh: the project list, then that user in each project (404: not in it). */
  async function projectsOf(memberId: string, options?: ListOptions): Promise<ScopedRole[]> {
    const projects = await listProjects(client, options);
    const held = await Promise.all(
      projects.map(async (project): Promise<ScopedRole | null> => {
        try {
          const user = readOne(
            "openai",
            PROJECT_USER_ITEM,
            await client.getProjectUser(project.id, memberId, options?.signal),
            options?.report,
          );
          return { scope: "project", scopeId: project.id, scopeName: project.name, role: user.role || "unknown" };
        } catch (error) {
          if (isNotFound(error)) return null;
          throw error;
        }
      }),
    );
    return held.filter((g): g is ScopedRole => g !== null).sort((a, b) => a.scopeName.localeCompare(b.scopeName));
  }

  return {
    id: "openai",
    label: "OpenAI",
    capabilities: OPENAI_CAPABILITIES,

    whoami: (options) => resolveIdentity(client, connection.token, options?.signal),

    async listMembers(options) {
      const report = options?.report;
      // The projects' member lists are read while the users' cursor chain runs, so they add no time while they are fewer pages.
      const [users, projectRoles] = await Promise.all([
        collectPages(async (after) => {
          const envelope = await client.listUsers({ limit: PAGE_LIMIT, after }, options?.signal);
          return { envelope, items: readItems(USER_ITEM, envelope.data, report) };
        }, options?.onProgress),
        projectRolesByUser(client, options),
      ]);
      return users.map((user) => withProjects(toMember(user, report), projectRoles.get(user.id)));
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

    readUsage: (since, options) => readUsage(client, since, options),

    listRoles: async () => [...ORGANIZATION_ROLES, ...PROJECT_ROLES].map((role) => ({ ...role })),

    listWorkspaces: (options) => listProjects(client, options),

    async getMember(memberId, options) {
      try {
        const member = toMember(
          readOne("openai", USER_ITEM, await client.getUser(memberId, options?.signal), options?.report),
          options?.report,
        );
        return withProjects(member, await projectsOf(member.id, options));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async invite({ email, role, projects }) {
      // Always sent: omitted, the spec puts the invitee in the default project, which only a chosen project should do.
      const sent = await client.createInvite({
        email,
        role: openAIRole(role),
        projects: (projects ?? []).map((p) => ({ id: p.id, role: projectRole(p.role) })),
      });
      return toInvite(readOne("openai", INVITE_ITEM, sent) as ReadInvite);
    },

    async revokeInvite(inviteId) {
      await client.deleteInvite(inviteId);
    },

    async changeRole({ memberId, role, workspaceId, add }) {
      if (workspaceId === undefined) await client.updateUser(memberId, { role: openAIRole(role) });
      else if (add) await client.addProjectUser(workspaceId, { user_id: memberId, role: projectRole(role) });
      else await client.updateProjectUser(workspaceId, memberId, { role: projectRole(role) });
    },

    async removeMember({ memberId, workspaceId }) {
      if (workspaceId === undefined) await client.deleteUser(memberId);
      else await client.deleteProjectUser(workspaceId, memberId);
    },
  };
}
