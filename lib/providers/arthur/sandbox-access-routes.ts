import type { SandboxRequest, SandboxResponse, SandboxRoute } from "../../sandbox/server";
import { QueryReader, badPathUuid, fail, noContent, ok, paginate, parseBody, routesFor, unprocessable } from "./sandbox-http";
import { type ArthurSandboxState, sortBy } from "./sandbox-state";
import {
  type BoundResourceKind,
  SPEC_DEFAULT_USER_TYPES,
  type WireRole,
  boundMemberKindSchema,
  postRoleBindingSchema,
  roleSortSchema,
  sortOrderSchema,
  userTypeSchema,
  workspaceSortSchema,
} from "./schemas";

/** Sandbox routes for roles, organization role bindings and workspaces. */

/**
 * The specs do not say what Arthur does when the last holder of an admin role would
 * lose it. The sandbox refuses with a 400 in Arthur's error shape, so Roster's own
 * last-owner rule can be exercised end to end.
 */
export const LAST_OWNER_MESSAGE =
  "Refused: the organization would be left without an admin (a user who can grant and revoke organization roles)";

const BINDABLE: Record<BoundResourceKind, keyof WireRole> = {
  organization: "organization_bindable",
  workspace: "workspace_bindable",
  project: "project_bindable",
  data_plane: "data_plane_bindable",
};

/** The role, or the answer when it does not exist or cannot be bound to that kind of resource. */
export function bindableRole(state: ArthurSandboxState, roleId: string, kind: BoundResourceKind): WireRole | SandboxResponse {
  const role = state.roleById.get(roleId.toLowerCase());
  if (!role) return fail(404, "Role not found");
  if (!role[BINDABLE[kind]]) return fail(400, `Role "${role.name}" cannot be bound to a ${kind.replace("_", " ")}`);
  return role;
}

export const isResponse = (value: object): value is SandboxResponse => "status" in value && typeof value.status === "number";

function listRoles(state: ArthurSandboxState, req: SandboxRequest): SandboxResponse {
  const q = new QueryReader(req.query);
  const sort = q.choice("sort", roleSortSchema.options, "name");
  const order = q.choice("order", sortOrderSchema.options, "asc");
  const name = q.string("name")?.toLowerCase();
  const flags = (["organization_bindable", "workspace_bindable", "project_bindable"] as const).map((flag) => [flag, q.bool(flag)] as const);
  const paging = q.paging();
  if (q.errors.length) return unprocessable(q.errors);
  const matching = state.roles.filter(
    (role) => (!name || role.name.toLowerCase().includes(name)) && flags.every(([flag, want]) => want === undefined || role[flag] === want),
  );
  return ok(
    paginate(
      sortBy(matching, (role) => (sort === "name" ? role.name.toLowerCase() : role[sort]), order),
      paging,
    ),
  );
}

function listBindings(state: ArthurSandboxState, req: SandboxRequest): SandboxResponse {
  const q = new QueryReader(req.query);
  const search = q.string("search");
  const kind = q.choice("bound_member_kind", boundMemberKindSchema.options);
  const types = q.choices("user_types", userTypeSchema.options, SPEC_DEFAULT_USER_TYPES);
  const paging = q.paging();
  if (q.errors.length) return unprocessable(q.errors);
  return ok(paginate(state.listBindings({ kind, types, search }), paging));
}

function createBinding(state: ArthurSandboxState, req: SandboxRequest): SandboxResponse {
  const parsed = parseBody(postRoleBindingSchema, req.body);
  if ("error" in parsed) return parsed.error;
  const { role_id, user_id, group_id } = parsed.data;
  if (Boolean(user_id) === Boolean(group_id)) return fail(400, "Exactly one of user_id or group_id must be set");
  if (group_id) return fail(404, "Group not found");
  const role = bindableRole(state, role_id, "organization");
  if (isResponse(role)) return role;
  const user = state.user(user_id!);
  if (!user) return fail(404, "User not found");
  if (state.userBindings(user.id).some((binding) => binding.role.id === role.id && binding.bound_resource_kind === "organization")) {
    return fail(400, `User already has the role "${role.name}" in this organization`);
  }
  return ok(state.addBinding(user, role));
}

/** The spec lists no 404 for this operation, so an unknown binding is a 400. */
function deleteBinding(state: ArthurSandboxState, req: SandboxRequest): SandboxResponse {
  const id = req.params.role_binding_id;
  const invalid = badPathUuid("role_binding_id", id);
  if (invalid) return invalid;
  const binding = state.binding(id);
  if (!binding) return fail(400, "Role binding not found");
  if (state.isOwnerBinding(binding) && !state.ownerRemainsWithout({ bindingId: binding.id })) return fail(400, LAST_OWNER_MESSAGE);
  state.removeBinding(binding.id);
  return noContent();
}

function listWorkspaces(state: ArthurSandboxState, req: SandboxRequest): SandboxResponse {
  const q = new QueryReader(req.query);
  const sort = q.choice("sort", workspaceSortSchema.options, "name");
  const order = q.choice("order", sortOrderSchema.options, "asc");
  const name = q.string("name")?.toLowerCase();
  const paging = q.paging();
  if (q.errors.length) return unprocessable(q.errors);
  const matching = state.workspaces.filter((workspace) => !name || workspace.name.toLowerCase().includes(name));
  return ok(
    paginate(
      sortBy(matching, (w) => (sort === "name" ? w.name.toLowerCase() : w[sort]), order),
      paging,
    ),
  );
}

export function accessRoutes(state: ArthurSandboxState): SandboxRoute[] {
  return routesFor(state, [
    ["GET", "/api/v1/organization/roles", listRoles],
    ["GET", "/api/v1/organization/role_bindings", listBindings],
    ["POST", "/api/v1/organization/role_bindings", createBinding],
    ["DELETE", "/api/v1/role_bindings/{role_binding_id}", deleteBinding],
    ["GET", "/api/v1/organization/workspaces", listWorkspaces],
  ]);
}
