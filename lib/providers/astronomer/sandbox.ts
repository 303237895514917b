import { randomUUID } from "node:crypto";
import { z } from "zod";
import { SANDBOX_BASE_PATH } from "../../sandbox/constants";
import type { SandboxDefinition, SandboxRequest, SandboxResponse, SandboxRoute } from "../../sandbox/server";
import { ORGANIZATION_ROLES, WORKSPACE_ROLES } from "./roles";
import {
  createUserInviteRequestSchema,
  mutateOrgUserRoleRequestSchema,
  mutateWorkspaceUserRoleRequestSchema,
  type WireError,
} from "./schemas";
import { AstroSandboxState, type SandboxUser, type SandboxWorkspace } from "./sandbox-state";
import { wireInvite, wireOrgUser, wireSelf, wireUserRole, wireWorkspace, wireWorkspaceUser } from "./sandbox-wire";

/**
 * The Astro Core API v1alpha1 as a sandbox: the endpoints Roster uses, under
 * `/v1alpha1`, with offset pagination, Astro's status codes (org user and invite
 * delete 204, workspace user delete 200) and its error body
 * `{message, requestId, statusCode}`; validation failures are 400, the only client
 * error status the docs list besides 401/403/404.
 */

const ORG = "/organizations/{organizationId}";
const DEFAULT_LIMIT = 20;
/** v1's sort fields; v1alpha1 only says `fieldName:asc|desc`. */
const USER_SORT_FIELDS = ["id", "username", "fullName", "createdAt", "updatedAt"] as const;
const WORKSPACE_SORT_FIELDS = ["name", "createdAt", "updatedAt"] as const;

class SandboxHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function fail(status: number, message: string): never {
  throw new SandboxHttpError(status, message);
}

function errorBody(status: number, message: string): WireError {
  return { message, requestId: randomUUID(), statusCode: status };
}

// ---- query and body parsing --------------------------------------------------------

function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) fail(400, `Invalid query parameter '${name}': must be a non-negative integer`);
  return Number(raw);
}

function boolParam(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (raw !== "true" && raw !== "false") fail(400, `Invalid query parameter '${name}': must be true or false`);
  return raw === "true";
}

type Sort<F extends string> = { field: F; desc: boolean };

function sortsParam<F extends string>(query: URLSearchParams, fields: readonly F[]): Sort<F>[] {
  return query.getAll("sorts").map((raw) => {
    const [field, direction = "asc", extra] = raw.split(":");
    if (extra !== undefined || !fields.includes(field as F) || (direction !== "asc" && direction !== "desc")) {
      fail(400, `Invalid sort '${raw}': use fieldName:asc or fieldName:desc with one of ${fields.join(", ")}`);
    }
    return { field: field as F, desc: direction === "desc" };
  });
}

function sorted<T, F extends string>(list: T[], sorts: Sort<F>[], value: (item: T, field: F) => string): T[] {
  if (!sorts.length) return list;
  return [...list].sort((a, b) => {
    for (const { field, desc } of sorts) {
      const order = value(a, field).localeCompare(value(b, field));
      if (order) return desc ? -order : order;
    }
    return 0;
  });
}

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? null);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  fail(400, `Invalid request body: ${issue.path.length ? `'${issue.path.join(".")}' ` : ""}${issue.message}`);
}

function checkRole(role: string, allowed: readonly string[]) {
  if (!allowed.includes(role)) fail(400, `Invalid role '${role}': must be one of ${allowed.join(", ")}`);
}

function page<T, W>(list: T[], query: URLSearchParams, key: "users" | "workspaces", toWire: (item: T) => W) {
  const offset = intParam(query, "offset", 0);
  const limit = intParam(query, "limit", DEFAULT_LIMIT);
  return { limit, offset, totalCount: list.length, [key]: list.slice(offset, offset + limit).map(toWire) };
}

// ---- routes ---------------------------------------------------------------------------

export interface AstronomerSandboxOptions {
  users: number;
  /** The clock for new invites and changes (tests pin it). */
  now?: () => number;
}

export function createAstronomerSandbox(options: AstronomerSandboxOptions): SandboxDefinition {
  let state = new AstroSandboxState(options.users, options.now);

  const ok = (body: unknown, status = 200): SandboxResponse => ({ status, body });

  function route(method: SandboxRoute["method"], pattern: string, handler: (req: SandboxRequest) => SandboxResponse): SandboxRoute {
    return {
      method,
      pattern,
      handler: (req) => {
        try {
          if (req.params.organizationId !== undefined && req.params.organizationId !== state.organizationId) {
            fail(403, `You do not have access to organization ${req.params.organizationId}`);
          }
          return handler(req);
        } catch (error) {
          if (error instanceof SandboxHttpError) return { status: error.status, body: errorBody(error.status, error.message) };
          throw error;
        }
      },
    };
  }

  const userOr404 = (id: string) => state.user(id) ?? fail(404, `User ${id} not found in organization`);
  const workspaceOr404 = (id: string) => state.workspace(id) ?? fail(404, `Workspace ${id} not found`);

  function userListing(query: URLSearchParams, scope: string, all: () => SandboxUser[], hasInvites?: boolean) {
    const search = query.get("search")?.trim().toLowerCase() ?? "";
    const sorts = sortsParam(query, USER_SORT_FIELDS);
    const key = JSON.stringify([scope, search, hasInvites === true, sorts]);
    return state.view(key, () => {
      const matching = all().filter(
        (u) =>
          (!hasInvites || u.invite !== null) &&
          (!search || u.username.toLowerCase().includes(search) || u.fullName.toLowerCase().includes(search)),
      );
      return sorted(matching, sorts, (u, field) => u[field]);
    });
  }

  const workspaceMembers = (ws: SandboxWorkspace) => [...ws.members.keys()].map((id) => state.user(id)!);

  const routes: SandboxRoute[] = [
    route("GET", "/users/self", (req) => {
      boolParam(req.query, "createIfNotExist");
      return ok(wireSelf(state));
    }),

    route("GET", `${ORG}/users`, (req) => {
      const users = userListing(req.query, "org", () => state.orgUsers(), boolParam(req.query, "hasInvites"));
      return ok(page(users, req.query, "users", (u) => wireOrgUser(state, u)));
    }),

    route("GET", `${ORG}/users/{userId}`, (req) => ok(wireOrgUser(state, userOr404(req.params.userId)))),

    route("POST", `${ORG}/users/{userId}/role`, (req) => {
      const { role } = parseBody(mutateOrgUserRoleRequestSchema, req.body);
      checkRole(role, ORGANIZATION_ROLES);
      const user = userOr404(req.params.userId);
      // The specs do not say what Astro does here; the sandbox refuses, so Roster's own
      // last-owner rule can be exercised against a provider that also enforces it.
      if (role !== user.orgRole && state.isLastOwner(user)) fail(400, "Cannot change the role of the last owner of the organization");
      state.setOrgRole(user, role);
      return ok(wireUserRole(user.id, state.organizationId, "ORGANIZATION", role));
    }),

    route("DELETE", `${ORG}/users/{userId}`, (req) => {
      const user = userOr404(req.params.userId);
      // See above: an undocumented choice of ours.
      if (state.isLastOwner(user)) fail(400, "Cannot remove the last owner of the organization");
      state.removeUser(user);
      return { status: 204 };
    }),

    route("GET", `${ORG}/workspaces`, (req) => {
      const ids = req.query.getAll("workspaceIds");
      const search = req.query.get("search")?.trim().toLowerCase() ?? "";
      const sorts = sortsParam(req.query, WORKSPACE_SORT_FIELDS);
      const matching = state.workspaces.filter(
        (ws) => (!ids.length || ids.includes(ws.id)) && (!search || ws.name.toLowerCase().includes(search)),
      );
      const list = sorted(matching, sorts, (ws, field) => ws[field]);
      return ok(page(list, req.query, "workspaces", (ws) => wireWorkspace(state, ws)));
    }),

    route("GET", `${ORG}/workspaces/{workspaceId}/users`, (req) => {
      // The docs list no 404 for this operation: an unknown workspace is a bad parameter.
      const ws = state.workspace(req.params.workspaceId) ?? fail(400, `Workspace ${req.params.workspaceId} not found`);
      const users = userListing(req.query, `ws:${ws.id}`, () => workspaceMembers(ws));
      return ok(page(users, req.query, "users", (u) => wireWorkspaceUser(u, ws.members.get(u.id)!)));
    }),

    route("POST", `${ORG}/workspaces/{workspaceId}/users/{userId}/role`, (req) => {
      const { role } = parseBody(mutateWorkspaceUserRoleRequestSchema, req.body);
      checkRole(role, WORKSPACE_ROLES);
      const ws = workspaceOr404(req.params.workspaceId);
      // Adds the user to the workspace when they are not in it yet (an upsert).
      state.setWorkspaceRole(ws, userOr404(req.params.userId), role);
      return ok(wireUserRole(req.params.userId, ws.id, "WORKSPACE", role));
    }),

    route("DELETE", `${ORG}/workspaces/{workspaceId}/users/{userId}`, (req) => {
      const ws = workspaceOr404(req.params.workspaceId);
      const user = userOr404(req.params.userId);
      if (!ws.members.has(user.id)) fail(404, `User ${user.id} is not a member of workspace ${ws.id}`);
      state.removeFromWorkspace(ws, user);
      return { status: 200 };
    }),

    route("POST", `${ORG}/invites`, (req) => {
      const { inviteeEmail, role } = parseBody(createUserInviteRequestSchema, req.body);
      if (!z.email().safeParse(inviteeEmail.trim()).success) fail(400, `Invalid inviteeEmail '${inviteeEmail}'`);
      checkRole(role, ORGANIZATION_ROLES);
      const existing = state.userByEmail(inviteeEmail);
      if (existing?.invite) fail(400, `${inviteeEmail} already has a pending invite to this organization`);
      if (existing) fail(400, `${inviteeEmail} is already a member of this organization`);
      return ok(wireInvite(state, state.invite(inviteeEmail, role)));
    }),

    route("DELETE", `${ORG}/invites/{inviteId}`, (req) => {
      const user = state.userByInvite(req.params.inviteId) ?? fail(404, `Invite ${req.params.inviteId} not found`);
      // An invitee is in the organization only through the invite.
      state.removeUser(user);
      return { status: 204 };
    }),
  ];

  return {
    provider: "astronomer",
    basePath: SANDBOX_BASE_PATH.astronomer,
    routes,
    errorBody,
    reset() {
      state = new AstroSandboxState(options.users, options.now);
    },
    saveState: () => state.save(),
    loadState(saved) {
      const next = new AstroSandboxState(options.users, options.now);
      next.load(saved);
      state = next;
    },
  };
}
