import { isNotFound, ProviderError } from "../errors";
import type { ReadReport } from "../read-report";
import type { Member, ScopedRole, Workspace } from "../types";
import { type AstroApi, type AstroApiTuning, readPart } from "./api";
import type { AstronomerClientOptions } from "./client";
import { createAstronomerClientV1 } from "./client-v1";
import { type RoleCatalogue, toIdentity, toInvite, toMember, toOrganizationGrant, toScopedRole, toWorkspace, unreadableRole } from "./map";
import { ORGANIZATION_ROLES, ROLE, V1_ONLY_ORGANIZATION_ROLES, V1_ONLY_WORKSPACE_ROLES, WORKSPACE_ROLES } from "./roles";
import { type ReadContext, readList } from "./reading";
import {
  teamMemberSchemaV1,
  teamSchemaV1,
  userSchemaV1,
  type WireTeamMemberV1,
  type WireTeamV1,
  type WireUserV1,
  type WireWorkspaceRoleV1,
  workspaceSchemaV1,
} from "./schemas-v1";
import { type ItemReader, type Lenient, readItem, stringId } from "./tolerant";

/**
 * The Astro Platform API v1. Users carry their organization and workspace roles, so no
 * workspace fan-out is needed; Teams grant workspace roles to their members, shown as
 * "via team X". v1 lists no invites (an invited person is a user with status PENDING) and
 * has no endpoint that removes a user from the organization.
 */

const V1_CATALOGUE: RoleCatalogue = {
  organization: [...ORGANIZATION_ROLES, ...V1_ONLY_ORGANIZATION_ROLES],
  workspace: [...WORKSPACE_ROLES, ...V1_ONLY_WORKSPACE_ROLES],
};

const USER_SORTS = ["id:asc"];
const WORKSPACE_SORTS = ["createdAt:asc", "name:asc"];
const TEAM_SORTS = ["createdAt:asc", "name:asc"];
const TEAM_MEMBER_SORTS = ["userId:asc"];

const USER: ItemReader<WireUserV1> = { kind: "user", schema: userSchemaV1, id: stringId() };
const WORKSPACE: ItemReader<unknown> = { kind: "workspace", schema: workspaceSchemaV1, id: stringId() };
const TEAM: ItemReader<WireTeamV1> = { kind: "team", schema: teamSchemaV1, id: stringId() };
const TEAM_MEMBER: ItemReader<WireTeamMemberV1> = { kind: "teamMember", schema: teamMemberSchemaV1, id: stringId("userId") };

/** The permission each read needs, as the v1 spec's `x-permission` names it. */
const PERMISSION = { workspaces: "organization.workspaces.get", teams: "organization.teams.get" };

type User = Lenient<WireUserV1> & { id: string };
type Team = Lenient<WireTeamV1> & { id: string };
type RoleGrant = Lenient<WireWorkspaceRoleV1> | null | undefined;

function grants(list: RoleGrant[] | null | undefined): WireWorkspaceRoleV1[] {
  return (list ?? []).filter((g): g is WireWorkspaceRoleV1 => !!g?.workspaceId && !!g.role);
}

export function createV1Api(options: AstronomerClientOptions, tuning: AstroApiTuning): AstroApi {
  const { organizationId } = options;
  const client = createAstronomerClientV1(options);
  const quiet = (ctx: ReadContext): ReadContext => ({ ...ctx, onProgress: undefined });

  const orgUsers = (ctx: ReadContext) =>
    readList(
      {
        part: "users",
        reader: USER,
        pageSize: tuning.pageSize,
        fetchPage: async (window, signal) => {
          const page = await client.listOrgUsers({ ...window, sorts: USER_SORTS }, signal);
          return { totalCount: page.totalCount, items: page.users };
        },
      },
      ctx,
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
      quiet(ctx),
    );
    return list.map((ws) => toWorkspace(ws as { id: string; name?: string }));
  };

  const teams = (ctx: ReadContext) =>
    readList(
      {
        part: "teams",
        reader: TEAM,
        pageSize: tuning.pageSize,
        fetchPage: async (window, signal) => {
          const page = await client.listTeams({ ...window, sorts: TEAM_SORTS }, signal);
          return { totalCount: page.totalCount, items: page.teams };
        },
      },
      quiet(ctx),
    ) as Promise<Team[]>;

  const teamMembers = (ctx: ReadContext, team: Team) =>
    readList(
      {
        part: `team ${team.name ?? team.id} (${team.id})`,
        reader: TEAM_MEMBER,
        pageSize: tuning.pageSize,
        fetchPage: async (window, signal) => {
          const page = await client.listTeamMembers(team.id, { ...window, sorts: TEAM_MEMBER_SORTS }, signal);
          return { totalCount: page.totalCount, items: page.teamMembers };
        },
      },
      quiet(ctx),
    );

  /** Workspace names by id; when they cannot be read, roles show the workspace id. */
  async function workspaceNames(ctx: ReadContext) {
    const list = await readPart(
      { name: "workspaces", permission: PERMISSION.workspaces },
      ctx.report,
      () => workspaces(ctx),
      () => [],
    );
    const names = new Map(list.map((ws) => [ws.id, ws]));
    return (id: string): Workspace => names.get(id) ?? { id, name: id };
  }

  const viaOf = (team: Team) => ({ kind: "team" as const, id: team.id, name: team.name ?? team.id });
  /**
   * What a team gives its members: its workspace roles, and its organization role when that
   * is more than membership (a team holding ORGANIZATION_OWNER makes every member an owner).
   */
  const teamGrants = (team: Team, workspace: (id: string) => Workspace): ScopedRole[] => [
    ...(team.organizationRole && team.organizationRole !== ROLE.orgMember ? [toOrganizationGrant(team.organizationRole, viaOf(team))] : []),
    ...grants(team.workspaceRoles).map((g) => toScopedRole(workspace(g.workspaceId), g.role, viaOf(team))),
  ];

  /** The teams, or none (reported) when the token may not list them. */
  const teamsOrNone = (ctx: ReadContext) =>
    readPart(
      { name: "teams", permission: PERMISSION.teams },
      ctx.report,
      () => teams(ctx),
      () => [] as Team[],
    );

  /**
   * Workspace roles granted through teams, per user id. A team whose members cannot be
   * read leaves the roles it grants unknown on everyone (reported, not failed).
   */
  async function teamRoles(ctx: ReadContext, workspace: (id: string) => Workspace, all: Team[]) {
    const byUser = new Map<string, ScopedRole[]>();
    const everyone: ScopedRole[] = [];
    await Promise.all(
      all.map(async (team) => {
        const roles = teamGrants(team, workspace);
        if (!roles.length) return;
        const part = { name: `team ${viaOf(team).name} (${team.id})`, permission: PERMISSION.teams };
        const members = await readPart(
          part,
          ctx.report,
          () => teamMembers(ctx, team),
          (reason) => {
            for (const r of roles)
              everyone.push({ ...unreadableRole({ id: r.scopeId, name: r.scopeName }, reason), scope: r.scope, via: r.via });
            return [];
          },
        );
        for (const m of members) if (m.userId) byUser.set(m.userId, [...(byUser.get(m.userId) ?? []), ...roles]);
      }),
    );
    return (id: string) => [...(byUser.get(id) ?? []), ...everyone];
  }

  function toMemberV1(user: User, workspace: (id: string) => Workspace, viaTeams: ScopedRole[], report?: ReadReport): Member {
    const direct = grants(user.workspaceRoles).map((g) => toScopedRole(workspace(g.workspaceId), g.role));
    return toMember(
      {
        id: user.id,
        email: user.username ?? null,
        name: user.fullName,
        role: user.organizationRole ?? "",
        invited: user.status === "PENDING",
        createdAt: user.createdAt,
        // v1 does not say whether a user is managed by an identity provider.
        managed: false,
        scopedRoles: [...direct, ...viaTeams],
      },
      report,
      V1_CATALOGUE,
    );
  }

  async function readUser(userId: string, ctx: Pick<ReadContext, "signal" | "report">): Promise<User | null> {
    try {
      return readItem(USER, await client.getOrgUser(userId, ctx.signal), ctx.report) as User | null;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async function mustReadUser(userId: string): Promise<User> {
    const user = await readUser(userId, {});
    if (!user)
      throw new ProviderError({ provider: "astronomer", kind: "http", status: 404, message: `User ${userId} not found in organization` });
    return user;
  }

  /** Sends the user's whole role set, as the v1 endpoint replaces it (deployment and DAG roles resent unchanged). */
  async function sendRoles(user: User, organizationRole: string, workspaceRoles: Array<{ workspaceId: string; role: string }>) {
    await client.updateUserRoles(user.id, {
      organizationRole,
      workspaceRoles: workspaceRoles.map(({ workspaceId, role }) => ({ workspaceId, role })),
      ...(user.deploymentRoles?.length ? { deploymentRoles: user.deploymentRoles } : {}),
      ...(user.dagRoles?.length ? { dagRoles: user.dagRoles } : {}),
    });
  }

  return {
    version: "v1",
    capabilities: { listInvites: true, revokeInvite: false, workspaceRoles: true, serviceAccounts: false, removeFromOrganization: false },

    async whoami(signal) {
      return toIdentity(await client.getSelf(signal), organizationId);
    },

    async members(ctx) {
      const [users, workspace, all] = await Promise.all([orgUsers(ctx), workspaceNames(ctx), teamsOrNone(ctx)]);
      const viaTeams = await teamRoles(ctx, workspace, all);
      return users.map((u) => toMemberV1(u, workspace, viaTeams(u.id), ctx.report));
    },

    /** v1 lists no invites: an invited person is a user whose status is PENDING (no invite id, no expiry). */
    async invites(ctx) {
      const users = await orgUsers(quiet(ctx));
      return users
        .filter((u) => u.status === "PENDING")
        .map((u) => toInvite({ inviteId: u.id, invitee: { username: u.username } }, u.organizationRole ?? "", u.username ?? ""));
    },

    workspaces: (ctx) => workspaces(ctx),

    async member(memberId, ctx): Promise<Member | null> {
      const user = await readUser(memberId, ctx);
      if (!user) return null;
      const [workspace, memberships] = await Promise.all([
        workspaceNames(ctx),
        readPart(
          { name: "teams", permission: PERMISSION.teams },
          ctx.report,
          () =>
            readList(
              {
                part: "teams",
                reader: TEAM,
                pageSize: tuning.pageSize,
                fetchPage: async (window, signal) => {
                  const page = await client.listUserTeams(user.id, { ...window, sorts: ["name:asc"] }, signal);
                  return { totalCount: page.totalCount, items: page.teams };
                },
              },
              quiet(ctx),
            ) as Promise<Team[]>,
          () => [] as Team[],
        ),
      ]);
      return toMemberV1(
        user,
        workspace,
        memberships.flatMap((team) => teamGrants(team, workspace)),
        ctx.report,
      );
    },

    /** Known by the invitee's user id, as `invites()` lists it (v1 lists no invite ids). */
    async invite(input) {
      const invite = await client.createInvite({ inviteeEmail: input.email, role: input.role });
      return toInvite({ ...invite, inviteId: invite.userId ?? invite.inviteId }, input.role, input.email);
    },

    async revokeInvite() {
      throw new ProviderError({
        provider: "astronomer",
        kind: "http",
        status: null,
        message: "Astronomer's v1 API lists no invite ids to revoke",
      });
    },

    async changeRole({ memberId, role, workspaceId }) {
      const user = await mustReadUser(memberId);
      const current = grants(user.workspaceRoles);
      if (!workspaceId) return sendRoles(user, role, current);
      const others = current.filter((g) => g.workspaceId !== workspaceId);
      await sendRoles(user, user.organizationRole ?? "", [...others, { workspaceId, role }]);
    },

    async removeMember({ memberId, workspaceId }) {
      if (!workspaceId) {
        throw new ProviderError({
          provider: "astronomer",
          kind: "http",
          status: null,
          message: "Astronomer's v1 API cannot remove a user from the organization; remove them in Astro",
        });
      }
      const user = await mustReadUser(memberId);
      const current = grants(user.workspaceRoles);
      if (!current.some((g) => g.workspaceId === workspaceId)) {
        throw new ProviderError({
          provider: "astronomer",
          kind: "http",
          status: 404,
          message: `User ${memberId} is not a member of workspace ${workspaceId}`,
        });
      }
      await sendRoles(
        user,
        user.organizationRole ?? "",
        current.filter((g) => g.workspaceId !== workspaceId),
      );
    },
  };
}
