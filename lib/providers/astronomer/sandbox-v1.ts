import type { SandboxRoute } from "../../sandbox/server";
import { ORGANIZATION_ROLES, V1_ONLY_ORGANIZATION_ROLES } from "./roles";
import { createInviteRequestSchemaV1, updateUserRolesRequestSchemaV1 } from "./schemas-v1";
import { type AstroSandboxContext, boolParam, fail, ok, ORG, page, parseBody, route, sorted, sortsParam, unsorted } from "./sandbox-http";
import { createInvite } from "./sandbox-v1alpha1";
import { variedUser } from "./sandbox-variance";
import { wireInviteV1, wireSelfV1, wireTeamMemberV1, wireTeamV1, wireUserTeamV1, wireUserV1, wireWorkspaceV1 } from "./sandbox-wire-v1";

/**
 * The Astro Platform API v1 as a sandbox, under `/v1`: users with their roles, the one
 * roles endpoint that replaces a user's role set, workspaces, Teams (whose members get
 * the team's workspace roles) and invites. v1 has no list-invites and no user removal.
 * Page `limit` is at most 1000 and `sorts` take the spec's enums.
 */

export const V1_BASE = "/v1";
const MAX_LIMIT = 1000;
const USER_SORT_FIELDS = ["id", "username", "fullName", "createdAt", "updatedAt"] as const;
const WORKSPACE_SORT_FIELDS = ["name", "createdAt", "updatedAt"] as const;
const TEAM_SORT_FIELDS = ["name", "description", "createdAt", "updatedAt"] as const;
const TEAM_MEMBER_SORT_FIELDS = ["userId", "fullName", "username", "createdAt"] as const;
const ORG_ROLES = [...ORGANIZATION_ROLES, ...V1_ONLY_ORGANIZATION_ROLES];

export function v1Routes(ctx: AstroSandboxContext): SandboxRoute[] {
  const state = () => ctx.state();
  const at = (method: SandboxRoute["method"], pattern: string, handler: Parameters<typeof route>[4]) =>
    route(ctx, V1_BASE, method, pattern, handler);
  const userOr404 = (id: string) => state().user(id) ?? fail(404, `User ${id} not found in organization`);
  const teamOr404 = (id: string) => state().team(id) ?? fail(404, `Team ${id} not found`);
  const max = { max: MAX_LIMIT };

  return [
    at("GET", "/users/self", (req) => {
      boolParam(req.query, "createIfNotExist");
      return ok(wireSelfV1(state()));
    }),

    at("GET", `${ORG}/users`, (req) => {
      const sorts = sortsParam(req.query, USER_SORT_FIELDS);
      const ws = req.query.get("workspaceId");
      const key = JSON.stringify(["v1", ws, sorts]);
      const list = state().view(key, () => {
        const all = state()
          .orgUsers()
          .filter((u) => !ws || state().workspace(ws)?.members.has(u.id));
        return sorted(all, sorts, (u, field) => u[field]);
      });
      const users = unsorted(ctx, list, sorts);
      const extra = ctx.variance().has("overcount") ? 2 : 0;
      return ok(page(users, req.query, "users", (u) => variedUser(state(), wireUserV1(state(), u)), { ...max, extra }));
    }),

    at("GET", `${ORG}/users/{userId}`, (req) => ok(variedUser(state(), wireUserV1(state(), userOr404(req.params.userId))))),

    at("POST", `${ORG}/users/{userId}/roles`, (req) => {
      const body = parseBody(updateUserRolesRequestSchemaV1, req.body);
      const user = userOr404(req.params.userId);
      for (const { workspaceId } of body.workspaceRoles ?? []) {
        if (!state().workspace(workspaceId)) fail(404, `Workspace ${workspaceId} not found`);
      }
      if (body.organizationRole && body.organizationRole !== user.orgRole && state().isLastOwner(user)) {
        fail(400, "Cannot change the role of the last owner of the organization");
      }
      if (body.organizationRole) state().setOrgRole(user, body.organizationRole);
      if (body.workspaceRoles) state().replaceWorkspaceRoles(user, body.workspaceRoles);
      return ok({ organizationRole: user.orgRole, workspaceRoles: state().workspaceRolesOf(user) });
    }),

    at("GET", `${ORG}/users/{userId}/teams`, (req) => {
      const user = userOr404(req.params.userId);
      const sorts = sortsParam(req.query, ["name"] as const);
      const list = sorted(
        state().teams.filter((t) => t.members.includes(user.id)),
        sorts,
        (t, f) => t[f],
      );
      return ok(page(list, req.query, "teams", wireUserTeamV1, max));
    }),

    at("GET", `${ORG}/workspaces`, (req) => {
      const ids = req.query.getAll("workspaceIds");
      const names = req.query.getAll("names");
      const sorts = sortsParam(req.query, WORKSPACE_SORT_FIELDS);
      const matching = state().workspaces.filter(
        (ws) => (!ids.length || ids.includes(ws.id)) && (!names.length || names.includes(ws.name)),
      );
      return ok(
        page(
          sorted(matching, sorts, (ws, f) => ws[f]),
          req.query,
          "workspaces",
          (ws) => wireWorkspaceV1(state(), ws),
          max,
        ),
      );
    }),

    at("GET", `${ORG}/teams`, (req) => {
      const sorts = sortsParam(req.query, TEAM_SORT_FIELDS);
      return ok(
        page(
          sorted(state().teams, sorts, (t, f) => t[f]),
          req.query,
          "teams",
          (t) => wireTeamV1(state(), t),
          max,
        ),
      );
    }),

    at("GET", `${ORG}/teams/{teamId}/members`, (req) => {
      const team = teamOr404(req.params.teamId);
      if (ctx.variance().has("team-forbidden") && state().teams[0]?.id === team.id) {
        fail(403, `Your role in this organization does not allow listing the members of team ${team.name}`);
      }
      const sorts = sortsParam(req.query, TEAM_MEMBER_SORT_FIELDS);
      const members = team.members.map((id) => state().user(id)!).filter(Boolean);
      const list = sorted(members, sorts, (u, f) => (f === "userId" ? u.id : u[f]));
      return ok(page(list, req.query, "teamMembers", wireTeamMemberV1, max));
    }),

    at("POST", `${ORG}/invites`, (req) => {
      const { inviteeEmail, role } = parseBody(createInviteRequestSchemaV1, req.body);
      return ok(wireInviteV1(state(), createInvite(ctx, inviteeEmail, role, ORG_ROLES)));
    }),

    at("DELETE", `${ORG}/invites/{inviteId}`, (req) => {
      const user = state().userByInvite(req.params.inviteId) ?? fail(404, `Invite ${req.params.inviteId} not found`);
      state().removeUser(user);
      return { status: 204 };
    }),
  ];
}
