import { z } from "zod";
import type { SandboxRoute } from "../../sandbox/server";
import { ORGANIZATION_ROLES, WORKSPACE_ROLES } from "./roles";
import { createUserInviteRequestSchema, mutateOrgUserRoleRequestSchema, mutateWorkspaceUserRoleRequestSchema } from "./schemas";
import {
  type AstroSandboxContext,
  boolParam,
  checkRole,
  fail,
  ok,
  ORG,
  page,
  parseBody,
  route,
  sorted,
  sortsParam,
  unsorted,
} from "./sandbox-http";
import type { SandboxUser, SandboxWorkspace } from "./sandbox-state";
import { variedUser } from "./sandbox-variance";
import { wireInvite, wireOrgUser, wireSelf, wireUserRole, wireWorkspace, wireWorkspaceUser } from "./sandbox-wire";

/**
 * The Astro Core API v1alpha1 as a sandbox: the endpoints Roster uses, under
 * `/v1alpha1`, with offset pagination, Astro's status codes (org user and invite
 * delete 204, workspace user delete 200) and its error body; validation failures are
 * 400, the only client error status the docs list besides 401/403/404.
 */

export const V1ALPHA1_BASE = "/v1alpha1";
/** v1's sort fields; v1alpha1 only says `fieldName:asc|desc`. */
const USER_SORT_FIELDS = ["id", "username", "fullName", "createdAt", "updatedAt"] as const;
const WORKSPACE_SORT_FIELDS = ["name", "createdAt", "updatedAt"] as const;

export function v1alpha1Routes(ctx: AstroSandboxContext): SandboxRoute[] {
  const state = () => ctx.state();
  const at = (method: SandboxRoute["method"], pattern: string, handler: Parameters<typeof route>[4]) =>
    route(ctx, V1ALPHA1_BASE, method, pattern, handler);
  const userOr404 = (id: string) => state().user(id) ?? fail(404, `User ${id} not found in organization`);
  const workspaceOr404 = (id: string) => state().workspace(id) ?? fail(404, `Workspace ${id} not found`);

  function userListing(query: URLSearchParams, scope: string, all: () => SandboxUser[], hasInvites?: boolean) {
    const search = query.get("search")?.trim().toLowerCase() ?? "";
    const sorts = sortsParam(query, USER_SORT_FIELDS);
    const key = JSON.stringify([scope, search, hasInvites === true, sorts]);
    const list = state().view(key, () => {
      const matching = all().filter(
        (u) =>
          (!hasInvites || u.invite !== null) &&
          (!search || u.username.toLowerCase().includes(search) || u.fullName.toLowerCase().includes(search)),
      );
      return sorted(matching, sorts, (u, field) => u[field]);
    });
    return unsorted(ctx, list, sorts);
  }

  const workspaceMembers = (ws: SandboxWorkspace) => [...ws.members.keys()].map((id) => state().user(id)!);
  const overcount = () => (ctx.variance().has("overcount") ? 2 : 0);
  /** With `workspace-forbidden`, the token may not read the second workspace's users. */
  const forbidden = (ws: SandboxWorkspace) => ctx.variance().has("workspace-forbidden") && state().workspaces[1]?.id === ws.id;

  return [
    at("GET", "/users/self", (req) => {
      boolParam(req.query, "createIfNotExist");
      return ok(wireSelf(state()));
    }),

    at("GET", `${ORG}/users`, (req) => {
      const users = userListing(req.query, "org", () => state().orgUsers(), boolParam(req.query, "hasInvites"));
      return ok(page(users, req.query, "users", (u) => variedUser(state(), wireOrgUser(state(), u)), { extra: overcount() }));
    }),

    at("GET", `${ORG}/users/{userId}`, (req) => ok(variedUser(state(), wireOrgUser(state(), userOr404(req.params.userId))))),

    at("POST", `${ORG}/users/{userId}/role`, (req) => {
      const { role } = parseBody(mutateOrgUserRoleRequestSchema, req.body);
      checkRole(role, ORGANIZATION_ROLES);
      const user = userOr404(req.params.userId);
      // The specs do not say what Astro does here; the sandbox refuses, so Roster's own
      // last-owner rule can be exercised against a provider that also enforces it.
      if (role !== user.orgRole && state().isLastOwner(user)) fail(400, "Cannot change the role of the last owner of the organization");
      state().setOrgRole(user, role);
      return ok(wireUserRole(user.id, state().organizationId, "ORGANIZATION", role));
    }),

    at("DELETE", `${ORG}/users/{userId}`, (req) => {
      const user = userOr404(req.params.userId);
      // See above: an undocumented choice of ours.
      if (state().isLastOwner(user)) fail(400, "Cannot remove the last owner of the organization");
      state().removeUser(user);
      return { status: 204 };
    }),

    at("GET", `${ORG}/workspaces`, (req) => {
      const ids = req.query.getAll("workspaceIds");
      const search = req.query.get("search")?.trim().toLowerCase() ?? "";
      const sorts = sortsParam(req.query, WORKSPACE_SORT_FIELDS);
      const matching = state().workspaces.filter(
        (ws) => (!ids.length || ids.includes(ws.id)) && (!search || ws.name.toLowerCase().includes(search)),
      );
      const list = sorted(matching, sorts, (ws, field) => ws[field]);
      return ok(page(list, req.query, "workspaces", (ws) => wireWorkspace(state(), ws)));
    }),

    at("GET", `${ORG}/workspaces/{workspaceId}/users`, (req) => {
      // The docs list no 404 for this operation: an unknown workspace is a bad parameter.
      const ws = state().workspace(req.params.workspaceId) ?? fail(400, `Workspace ${req.params.workspaceId} not found`);
      if (forbidden(ws)) fail(403, `Your role in this organization does not allow listing the users of workspace ${ws.name}`);
      const users = userListing(req.query, `ws:${ws.id}`, () => workspaceMembers(ws));
      return ok(page(users, req.query, "users", (u) => variedUser(state(), wireWorkspaceUser(u, ws.members.get(u.id)!))));
    }),

    at("POST", `${ORG}/workspaces/{workspaceId}/users/{userId}/role`, (req) => {
      const { role } = parseBody(mutateWorkspaceUserRoleRequestSchema, req.body);
      checkRole(role, WORKSPACE_ROLES);
      const ws = workspaceOr404(req.params.workspaceId);
      // Adds the user to the workspace when they are not in it yet (an upsert).
      state().setWorkspaceRole(ws, userOr404(req.params.userId), role);
      return ok(wireUserRole(req.params.userId, ws.id, "WORKSPACE", role));
    }),

    at("DELETE", `${ORG}/workspaces/{workspaceId}/users/{userId}`, (req) => {
      const ws = workspaceOr404(req.params.workspaceId);
      const user = userOr404(req.params.userId);
      if (!ws.members.has(user.id)) fail(404, `User ${user.id} is not a member of workspace ${ws.id}`);
      state().removeFromWorkspace(ws, user);
      return { status: 200 };
    }),

    at("POST", `${ORG}/invites`, (req) => {
      const { inviteeEmail, role } = parseBody(createUserInviteRequestSchema, req.body);
      return ok(wireInvite(state(), createInvite(ctx, inviteeEmail, role, ORGANIZATION_ROLES)));
    }),

    at("DELETE", `${ORG}/invites/{inviteId}`, (req) => {
      const user = state().userByInvite(req.params.inviteId) ?? fail(404, `Invite ${req.params.inviteId} not found`);
      // An invitee is in the organization only through the invite.
      state().removeUser(user);
      return { status: 204 };
    }),
  ];
}

/** Both versions: a new invite, or a fresh one for someone whose invite expired. */
export function createInvite(ctx: AstroSandboxContext, inviteeEmail: string, role: string, roles: readonly string[]): SandboxUser {
  const state = ctx.state();
  if (!z.email().safeParse(inviteeEmail.trim()).success) fail(400, `Invalid inviteeEmail '${inviteeEmail}'`);
  checkRole(role, roles);
  const existing = state.userByEmail(inviteeEmail);
  if (existing?.invite && state.inviteExpired(existing)) return state.reinvite(existing, role);
  if (existing?.invite) fail(400, `${inviteeEmail} already has a pending invite to this organization`);
  if (existing) fail(400, `${inviteeEmail} is already a member of this organization`);
  return state.invite(inviteeEmail, role);
}
