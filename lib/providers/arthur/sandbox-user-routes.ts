import { randomBytes } from "node:crypto";
import type { SandboxRequest, SandboxResponse, SandboxRoute } from "../../sandbox/server";
import { LAST_OWNER_MESSAGE, bindableRole, isResponse } from "./sandbox-access-routes";
import { QueryReader, badPathUuid, fail, noContent, ok, paginate, parseBody, routesFor, unprocessable } from "./sandbox-http";
import { type ArthurSandboxState, type NewUser } from "./sandbox-state";
import {
  type InviteNewUser,
  SPEC_DEFAULT_USER_TYPES,
  type WireUser,
  inviteNewUserSchema,
  patchServiceAccountUserSchema,
  patchUserSchema,
  postEndUserSchema,
  postServiceAccountSchema,
  sortOrderSchema,
  userSortSchema,
  userTypeSchema,
} from "./schemas";

/**
 * Sandbox routes for Arthur's Users V1 operations. Passwords and client secrets are
 * generated for the one answer that carries them and never logged; only a client
 * secret's hash is kept, so the sandbox's token endpoint can accept it.
 */

const EMAIL_TAKEN = "A user with this email already exists";
const newSecret = () => randomBytes(24).toString("base64url");

function listUsers(state: ArthurSandboxState, req: SandboxRequest): SandboxResponse {
  const q = new QueryReader(req.query);
  const sort = q.choice("sort", userSortSchema.options, "name");
  const order = q.choice("order", sortOrderSchema.options, "asc");
  const types = q.choices("user_types", userTypeSchema.options, SPEC_DEFAULT_USER_TYPES);
  const search = q.string("search");
  const ids = q.uuids("user_ids");
  const paging = q.paging();
  if (q.errors.length) return unprocessable(q.errors);
  return ok(paginate(state.listUsers({ sort, order, types, search, ids }), paging));
}

function addPerson(state: ArthurSandboxState, fields: Omit<NewUser, "user_type">): WireUser | SandboxResponse {
  if (fields.email && state.userIdByEmail(fields.email)) return fail(409, EMAIL_TAKEN);
  return state.addUser({ ...fields, user_type: "user" });
}

/** The one-time password is checked for presence only and then dropped. */
function createUser(state: ArthurSandboxState, req: SandboxRequest): SandboxResponse {
  const parsed = parseBody(postEndUserSchema, req.body);
  if ("error" in parsed) return parsed.error;
  const { first_name, last_name, email, picture } = parsed.data;
  const user = addPerson(state, { first_name, last_name: last_name ?? null, email, picture: picture ?? null });
  return isResponse(user) ? user : ok(user);
}

/** Checks the optional role binding of an invite; only organization bindings are kept (Roster lists no others). */
function inviteBindingProblem(state: ArthurSandboxState, binding: InviteNewUser["role_binding"]): SandboxResponse | null {
  if (!binding) return null;
  const role = bindableRole(state, binding.role_id, binding.bound_resource_kind);
  if (isResponse(role)) return role;
  const exists =
    binding.bound_resource_kind === "organization"
      ? binding.resource_id.toLowerCase() === state.organization.id
      : binding.bound_resource_kind === "workspace" && state.workspaces.some((w) => w.id === binding.resource_id.toLowerCase());
  return exists ? null : fail(404, `The ${binding.bound_resource_kind.replace("_", " ")} to bind the role to was not found`);
}

/**
 * Invited users exist at once, with no name until they sign up. The spec gives 400
 * (not 409) for this operation, so an email already in use is a 400 here.
 */
function inviteUser(state: ArthurSandboxState, req: SandboxRequest): SandboxResponse {
  const parsed = parseBody(inviteNewUserSchema, req.body);
  if ("error" in parsed) return parsed.error;
  const { email, role_binding, group_ids } = parsed.data;
  if (state.userIdByEmail(email)) return fail(400, EMAIL_TAKEN);
  if (group_ids?.length) return fail(404, "Group not found");
  const problem = inviteBindingProblem(state, role_binding);
  if (problem) return problem;
  const user = state.addUser({ first_name: "", last_name: null, email, user_type: "user" });
  if (role_binding?.bound_resource_kind === "organization") state.addBinding(user, state.roleById.get(role_binding.role_id.toLowerCase())!);
  return ok(user, 201);
}

function createServiceAccount(state: ArthurSandboxState, req: SandboxRequest): SandboxResponse {
  const parsed = parseBody(postServiceAccountSchema, req.body);
  if ("error" in parsed) return parsed.error;
  if (!parsed.data.name.trim()) return fail(400, "Service account name must not be empty");
  const clientId = `sa-${randomBytes(8).toString("hex")}`;
  const user = state.addUser({
    first_name: parsed.data.name,
    last_name: null,
    email: null,
    user_type: "service_account",
    client_id: clientId,
  });
  const secret = newSecret();
  state.setClientSecret(clientId, secret);
  return ok({ ...user, credentials: { client_id: clientId, client_secret: secret } });
}

type UserHandler = (state: ArthurSandboxState, user: WireUser, req: SandboxRequest) => SandboxResponse;

/** FastAPI checks the uuid before the handler runs; then the user must exist. */
function withUser(handler: UserHandler) {
  return (state: ArthurSandboxState, req: SandboxRequest): SandboxResponse => {
    const invalid = badPathUuid("user_id", req.params.user_id);
    if (invalid) return invalid;
    const user = state.user(req.params.user_id);
    return user ? handler(state, user, req) : fail(404, "User not found");
  };
}

/** The spec lists no 400 for this operation; refusing the last admin is our documented choice. */
const deleteUser: UserHandler = (state, user) => {
  if (user.id === state.me?.id) return fail(400, "You cannot delete your own user");
  const ownsOrg = state.userBindings(user.id).some((binding) => state.isOwnerBinding(binding));
  if (ownsOrg && !state.ownerRemainsWithout({ userId: user.id })) return fail(400, LAST_OWNER_MESSAGE);
  state.removeUser(user.id);
  return noContent();
};

/** `null` leaves a required field (first name, email) as it is and clears an optional one. */
const patchUser: UserHandler = (state, user, req) => {
  const parsed = parseBody(patchUserSchema, req.body);
  if ("error" in parsed) return parsed.error;
  const { first_name, last_name, email, picture } = parsed.data;
  const owner = email ? state.userIdByEmail(email) : undefined;
  if (owner && owner !== user.id) return fail(400, EMAIL_TAKEN);
  const changes: Parameters<ArthurSandboxState["updateUser"]>[1] = {};
  if (first_name != null) changes.first_name = first_name;
  if (last_name !== undefined) changes.last_name = last_name;
  if (email != null) changes.email = email;
  if (picture !== undefined) changes.picture = picture;
  return ok(state.updateUser(user.id, changes));
};

const renameServiceAccount: UserHandler = (state, user, req) => {
  const parsed = parseBody(patchServiceAccountUserSchema, req.body);
  if ("error" in parsed) return parsed.error;
  if (user.user_type !== "service_account") return fail(400, "User is not a service account");
  const { name } = parsed.data;
  return ok(name == null ? user : state.updateUser(user.id, { first_name: name }));
};

const regenerateCredentials: UserHandler = (state, user) => {
  const secret = newSecret();
  if (user.client_id) state.setClientSecret(user.client_id, secret);
  const credentials = user.client_id ? { client_id: user.client_id, client_secret: secret } : { password: secret };
  return ok({ ...user, credentials });
};

export function userRoutes(state: ArthurSandboxState): SandboxRoute[] {
  return routesFor(state, [
    ["GET", "/api/v1/users/me", (s) => ok(s.me)],
    // Accepts the caller's pending invitations; the sandbox caller is always an accepted admin.
    ["POST", "/api/v1/users/me/accept-invite", () => noContent()],
    ["GET", "/api/v1/organization/users", listUsers],
    ["POST", "/api/v1/organization/users", createUser],
    ["POST", "/api/v1/organization/users/invite-user", inviteUser],
    ["POST", "/api/v1/organization/service_accounts", createServiceAccount],
    ["DELETE", "/api/v1/users/{user_id}", withUser(deleteUser)],
    ["PATCH", "/api/v1/users/{user_id}", withUser(patchUser)],
    ["PATCH", "/api/v1/users/{user_id}/service_account", withUser(renameServiceAccount)],
    ["POST", "/api/v1/users/{user_id}/credentials", withUser(regenerateCredentials)],
  ]);
}
