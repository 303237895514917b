import { isNotFound } from "../errors";
import type { Member, ScopedRole, Workspace } from "../types";
import { type AstroApi, type AstroApiTuning, readPart } from "./api";
import { type AstronomerClientOptions, createAstronomerClient } from "./client";
import {
  onlyExpiredInvites,
  orgRoleOf,
  pendingInvites,
  toIdentity,
  toInvite,
  toMember,
  toScopedRole,
  toWorkspace,
  unreadableRole,
  userParts,
  withoutUntoldActivity,
} from "./map";
import { type ReadContext, readList } from "./reading";
import { userSchema, type WireUser, workspaceSchema } from "./schemas";
import { type ItemReader, type Lenient, readItem, stringId } from "./tolerant";

/** The Astro Core API v1alpha1 (the generated client's UserApi, InviteApi and WorkspaceApi). */

/** For searches that should match one user. */
const SEARCH_PAGE_SIZE = 100;
/** Offset pages read in parallel need one order (the field names are v1's; v1alpha1 takes `fieldName:asc`). */
const USER_SORTS = ["id:asc"];
const WORKSPACE_SORTS = ["createdAt:asc", "name:asc"];

const USER: ItemReader<WireUser> = { kind: "user", schema: userSchema, id: stringId() };
const WORKSPACE: ItemReader<unknown> = { kind: "workspace", schema: workspaceSchema, id: stringId() };

type User = Lenient<WireUser> & { id: string };

export function createV1alpha1Api(options: AstronomerClientOptions, tuning: AstroApiTuning): AstroApi {
  const { organizationId } = options;
  const client = createAstronomerClient(options);

  const orgUsers = (ctx: ReadContext, extra: { hasInvites?: boolean; search?: string } = {}) =>
    readList(
      {
        part: extra.hasInvites ? "invites" : "users",
        reader: USER,
        pageSize: extra.search ? SEARCH_PAGE_SIZE : tuning.pageSize,
        fetchPage: async (window, signal) => {
          const page = await client.listOrgUsers({ ...window, ...extra, sorts: USER_SORTS }, signal);
          return { totalCount: page.totalCount, items: page.users };
        },
      },
      extra.search ? { ...ctx, onProgress: undefined } : ctx,
    ) as Promise<User[]>;

  const workspaces = async (ctx: ReadContext): Promise<Workspace[]> => {
    const list = await readList(
      {
        part: "workspaces",
        reader: WORKSPACE,
        pageSize: tuning.pageSize,
        fetchPage: async (window, signal) => {
          const page = await client.listWorkspaces({ ...window, sorts: WORKSPACE_SORTS }, signal);
          return { totalCount: page.totalCount, items: page.workspaces };
        },
      },
      { ...ctx, onProgress: undefined },
    );
    return list.map((ws) => toWorkspace(ws as { id: string; name?: string }));
  };

  const workspaceUsers = (ctx: ReadContext, ws: Workspace, search?: string) =>
    readList(
      {
        part: `workspace ${ws.name} (${ws.id})`,
        reader: USER,
        pageSize: search ? SEARCH_PAGE_SIZE : tuning.pageSize,
        fetchPage: async (window, signal) => {
          const page = await client.listWorkspaceUsers(ws.id, { ...window, search, sorts: USER_SORTS }, signal);
          return { totalCount: page.totalCount, items: page.users };
        },
      },
      { ...ctx, onProgress: undefined },
    ) as Promise<User[]>;

  /**
   * Workspace roles per user id, in workspace order. v1alpha1 has no per-user view of
   * workspace roles, so this reads each workspace's users (all workspaces at once; the
   * limiter bounds the requests). A workspace whose users cannot be read leaves its roles
   * unknown on everyone (`unreadable`), and the rest stands. With `user`, only that user
   * is searched for.
   */
  async function workspaceRoles(ctx: ReadContext, user?: User) {
    const list = await workspaces(ctx);
    const byUser = new Map<string, ScopedRole[]>();
    const everyone: ScopedRole[] = [];
    await Promise.all(
      list.map(async (ws) => {
        const users = await readPart(
          { name: `workspace ${ws.name} (${ws.id})` },
          ctx.report,
          () => workspaceUsers(ctx, ws, user?.username ?? undefined),
          (reason) => {
            everyone.push(unreadableRole(ws, reason));
            return [];
          },
        );
        for (const u of users) {
          if (!u.workspaceRole || (user && u.id !== user.id)) continue;
          byUser.set(u.id, [...(byUser.get(u.id) ?? []), toScopedRole(ws, u.workspaceRole)]);
        }
      }),
    );
    // Workspace order, whatever order the reads finished in.
    const order = new Map(list.map((ws, i) => [ws.id, i]));
    const roles = (id: string) => [...(byUser.get(id) ?? []), ...everyone].sort((a, b) => order.get(a.scopeId)! - order.get(b.scopeId)!);
    return roles;
  }

  const now = () => tuning.now();

  /** `orgRole` is promised only when listing org users; a single read may need the listing. */
  async function roleOf(ctx: ReadContext, user: User): Promise<string> {
    const known = orgRoleOf(user, organizationId);
    if (known) return known;
    const found = (await orgUsers(ctx, { search: user.username ?? user.id })).find((u) => u.id === user.id);
    return (found && orgRoleOf(found, organizationId)) ?? "";
  }

  return {
    version: "v1alpha1",
    capabilities: { listInvites: true, revokeInvite: true, workspaceRoles: true, serviceAccounts: false },

    async whoami(signal) {
      return toIdentity(await client.getSelf(signal), organizationId);
    },

    async members(ctx) {
      const [users, roles] = await Promise.all([orgUsers(ctx), workspaceRoles(ctx)]);
      const at = now();
      return withoutUntoldActivity(
        users
          .filter((u) => !onlyExpiredInvites(u, organizationId, at))
          .map((u) => toMember(userParts(u, organizationId, orgRoleOf(u, organizationId) ?? "", at, roles(u.id)), ctx.report)),
      );
    },

    async invites(ctx) {
      const users = await orgUsers(ctx, { hasInvites: true });
      const at = now();
      return users.flatMap((u) =>
        pendingInvites(u, organizationId, at).map((invite) =>
          toInvite(invite as { inviteId: string }, orgRoleOf(u, organizationId) ?? "", u.username ?? ""),
        ),
      );
    },

    workspaces: (ctx) => workspaces(ctx),

    async member(memberId, ctx): Promise<Member | null> {
      let raw: unknown;
      try {
        raw = await client.getOrgUser(memberId, ctx.signal);
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
      const user = readItem(USER, raw, ctx.report) as User | null;
      if (!user) return null;
      const [role, roles] = await Promise.all([roleOf(ctx, user), workspaceRoles(ctx, user)]);
      return toMember(userParts(user, organizationId, role, now(), roles(user.id)), ctx.report);
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
