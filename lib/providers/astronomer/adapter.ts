import { isNotFound } from "../errors";
import { createLimiter, laterOffsets, type Limiter, type OffsetWindow, readAllPages } from "../paging";
import type {
  ListOptions,
  Member,
  ProviderAdapter,
  ProviderCapabilities,
  ProviderConnection,
  ScopedRole,
  Workspace,
} from "../types";
import { type AstronomerClient, createAstronomerClient } from "./client";
import { orgRoleOf, pendingInvites, toIdentity, toInvite, toMember, toScopedRole, toWorkspace } from "./map";
import { ASTRONOMER_ROLES } from "./roles";
import type { WireUser } from "./schemas";

export { ASTRONOMER_ROLES, isOwnerRole, ORGANIZATION_ROLES, ROLE, WORKSPACE_ROLES } from "./roles";

/** v1alpha1 sets no maximum `limit`; 1000 is v1's documented maximum, safe for both. */
const PAGE_SIZE = 1000;
/** For searches that should match one user. */
const SEARCH_PAGE_SIZE = 100;

export interface AstronomerAdapterTuning {
  /** Page size of the list reads (tests use small pages to exercise pagination). */
  pageSize?: number;
}

export const ASTRONOMER_CAPABILITIES: ProviderCapabilities = {
  listInvites: true,
  revokeInvite: true,
  workspaceRoles: true,
  serviceAccounts: false,
};

interface Reader {
  limit: Limiter;
  signal?: AbortSignal;
}

interface OffsetPage {
  totalCount: number;
}

function createReads(client: AstronomerClient, pageSize: number) {
  /** Every item of an offset-paged list: the first page `size` long, the rest as long as the first turned out. */
  const all = <P extends OffsetPage, T>(
    r: Reader,
    size: number,
    fetchPage: (window: OffsetWindow, signal: AbortSignal) => Promise<P>,
    items: (page: P) => T[],
    onProgress?: ListOptions["onProgress"],
  ): Promise<T[]> =>
    readAllPages(
      {
        first: { offset: 0, limit: size },
        rest: (first) => laterOffsets(items(first).length, first.totalCount),
        fetchPage,
        items,
        total: (page) => page.totalCount,
      },
      { limit: r.limit, signal: r.signal, onProgress },
    );

  const orgUsers = (r: Reader, extra: { hasInvites?: boolean; search?: string } = {}, onProgress?: ListOptions["onProgress"]) =>
    all(
      r,
      extra.search ? SEARCH_PAGE_SIZE : pageSize,
      (window, signal) => client.listOrgUsers({ ...window, ...extra }, signal),
      (page) => page.users,
      onProgress,
    );

  const workspaces = async (r: Reader): Promise<Workspace[]> => {
    const list = await all(r, pageSize, (window, signal) => client.listWorkspaces(window, signal), (page) => page.workspaces);
    return list.map(toWorkspace);
  };

  const workspaceUsers = (r: Reader, workspaceId: string, search?: string) =>
    all(
      r,
      search ? SEARCH_PAGE_SIZE : pageSize,
      (window, signal) => client.listWorkspaceUsers(workspaceId, { ...window, search }, signal),
      (page) => page.users,
    );

  /**
   * Workspace roles per user id, in workspace order. v1alpha1 has no per-user view
   * of workspace roles, so this reads each workspace's users (all workspaces at once;
   * the limiter bounds the requests). With `user`, only that user is searched for.
   */
  const workspaceRoles = async (r: Reader, user?: WireUser): Promise<Map<string, ScopedRole[]>> => {
    const list = await workspaces(r);
    const perWorkspace = await Promise.all(list.map((ws) => workspaceUsers(r, ws.id, user?.username)));
    const byUser = new Map<string, ScopedRole[]>();
    perWorkspace.forEach((users, i) => {
      for (const u of users) {
        if (!u.workspaceRole || (user && u.id !== user.id)) continue;
        byUser.set(u.id, [...(byUser.get(u.id) ?? []), toScopedRole(list[i], u.workspaceRole)]);
      }
    });
    return byUser;
  };

  return { orgUsers, workspaces, workspaceRoles };
}

function uniqueById(users: WireUser[]): WireUser[] {
  return [...new Map(users.map((u) => [u.id, u])).values()];
}

export function createAstronomerAdapter(connection: ProviderConnection, tuning: AstronomerAdapterTuning = {}): ProviderAdapter {
  if (!connection.organizationId) throw new Error("Astronomer needs an organization id (ASTRONOMER_ORGANIZATION_ID)");
  const organizationId: string = connection.organizationId;
  const client = createAstronomerClient({ ...connection, organizationId });
  const reads = createReads(client, tuning.pageSize ?? PAGE_SIZE);
  const reader = (signal?: AbortSignal): Reader => ({ limit: createLimiter(), signal });

  /** `orgRole` is promised only when listing org users; a single read may need the listing. */
  async function roleOf(r: Reader, user: WireUser): Promise<string> {
    const known = orgRoleOf(user, organizationId);
    if (known) return known;
    const found = (await reads.orgUsers(r, { search: user.username })).find((u) => u.id === user.id);
    return (found && orgRoleOf(found, organizationId)) ?? "";
  }

  return {
    id: "astronomer",
    label: "Astronomer",
    capabilities: ASTRONOMER_CAPABILITIES,

    async whoami(options = {}) {
      return toIdentity(await client.getSelf(options.signal), organizationId);
    },

    async listMembers(options = {}) {
      const r = reader(options.signal);
      const [users, scoped] = await Promise.all([
        reads.orgUsers(r, {}, options.onProgress),
        reads.workspaceRoles(r),
      ]);
      return uniqueById(users).map((u) => toMember(u, organizationId, orgRoleOf(u, organizationId) ?? "", scoped.get(u.id)));
    },

    async listInvites(options = {}) {
      const users = await reads.orgUsers(reader(options.signal), { hasInvites: true }, options.onProgress);
      return uniqueById(users).flatMap((u) =>
        pendingInvites(u, organizationId).map((invite) => toInvite(invite, orgRoleOf(u, organizationId) ?? "", u.username)),
      );
    },

    async listRoles() {
      return [...ASTRONOMER_ROLES];
    },

    async listWorkspaces(options = {}) {
      return reads.workspaces(reader(options.signal));
    },

    async getMember(memberId, options = {}): Promise<Member | null> {
      let user: WireUser;
      try {
        user = await client.getOrgUser(memberId, options.signal);
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
      const r = reader(options.signal);
      const [role, scoped] = await Promise.all([roleOf(r, user), reads.workspaceRoles(r, user)]);
      return toMember(user, organizationId, role, scoped.get(user.id));
    },

    async invite(input) {
      const invite = await client.createInvite({ inviteeEmail: input.email, role: input.role });
      return toInvite(invite, input.role, input.email);
    },

    async revokeInvite(inviteId) {
      await client.deleteInvite(inviteId);
    },

    async changeRole({ memberId, role, workspaceId }) {
      if (workspaceId) await client.mutateWorkspaceUserRole(workspaceId, memberId, role);
      else await client.mutateOrgUserRole(memberId, role);
    },

    async removeMember({ memberId, workspaceId }) {
      if (workspaceId) await client.deleteWorkspaceUser(workspaceId, memberId);
      else await client.deleteOrgUser(memberId);
    },
  };
}
