import { usageCompletions } from "./sandbox-usage";
import { normaliseEmail } from "../../email";
import { openaiDescriptor } from "./descriptor";
import { FOUNDERS, hashHex } from "../../sandbox/seed";
import type { SandboxDefinition, SandboxRequest, SandboxResponse, SandboxRoute } from "../../sandbox/server";
import { CursorList } from "./cursor-list";
import { redactKey } from "./identity";
import { ROLE } from "./roles";
import { answerRefusals, openAIErrorBody, parseBody, refusal } from "./sandbox-errors";
import { OPENAI_VARIANCES } from "./sandbox-variance";
import {
  joinInvitedProjects,
  projectHandlers,
  projectsFrom,
  removeFromProjects,
  saveProjects,
  type SavedProjects,
} from "./sandbox-projects";
import { type AuditActor, apiKeyActor, AuditTrail, sessionActor, type WireAuditLog } from "./sandbox-audit";
import { adminKey, buildSeed, DEFAULT_PROJECT_ID, inviteId, newInvite, type OpenAIState, stateFrom, userId } from "./sandbox-seed";
import {
  inviteRequestSchema,
  roleSchema,
  type UserRoleUpdateRequest,
  userRoleUpdateRequestSchema,
  type WireInviteCurrent,
  type WireInviteDeleted,
  type WireUser,
  type WireUserDeleted,
} from "./schemas";

/**
 * The OpenAI Administration API sandbox: org users, invites and admin keys under `/v1`,
 * with the real cursor pagination (`limit` 1–100, default 20; `after` = previous
 * `last_id`; `has_more`), every success as 200 (the spec has no 201/204), and errors in
 * the `ErrorResponse` shape.
 *
 * Choices where the spec is silent, documented here so tests and readers can rely on them:
 * - Demoting or removing the organization's last owner is refused with 400
 *   `invalid_request_error` (code `last_owner`). Nothing says what the real service does.
 * - Deleting an accepted invite (the spec says it "cannot be deleted") is a 400.
 * - Inviting an existing member, or an email with a pending invite, is a 400.
 * - Unknown ids are 404 `invalid_request_error`; an unknown `after` cursor is a 400.
 * - `limit` outside 1–100 is a 400 on every list, admin keys included (their spec gives no range).
 * - The caller's own admin key is listed, owned by founder 0, so whoami has an answer.
 * - Role change takes `role` (owner|reader, the older spec's enum). Custom RBAC roles
 *   (`role_id`) are not emulated and are refused with 400.
 * - Projects and their users: see sandbox-projects.ts.
 */

export interface OpenAISandboxOptions {
  users: number;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const ok = (body: unknown): SandboxResponse => ({ status: 200, body });
const now = () => Math.floor(Date.now() / 1000);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function readLimit(query: URLSearchParams): number {
  const raw = query.get("limit");
  if (raw === null) return DEFAULT_LIMIT;
  if (!/^-?\d+$/.test(raw)) throw refusal(400, `Invalid 'limit': expected an integer, but got '${raw}' instead.`, "limit", "invalid_type");
  const limit = Number(raw);
  if (limit < 1)
    throw refusal(
      400,
      `Invalid 'limit': integer below minimum value. Expected a value >= 1, but got ${limit} instead.`,
      "limit",
      "integer_below_min_value",
    );
  if (limit > MAX_LIMIT)
    throw refusal(
      400,
      `Invalid 'limit': integer above maximum value. Expected a value <= ${MAX_LIMIT}, but got ${limit} instead.`,
      "limit",
      "integer_above_max_value",
    );
  return limit;
}

function listPage<T extends { id: string }>(list: CursorList<T>, query: URLSearchParams, keep?: (item: T) => boolean): SandboxResponse {
  const after = query.get("after") ?? undefined;
  const page = list.page(after, readLimit(query), keep);
  if (!page) throw refusal(400, `Invalid 'after': no object with id '${after}'.`, "after");
  const { data, hasMore } = page;
  return ok({ object: "list", data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: hasMore });
}

function found<T extends { id: string }>(list: CursorList<T>, id: string, what: string): T {
  const item = list.get(id);
  if (!item) throw refusal(404, `No such ${what}: ${id}`);
  return item;
}

function ownerCount(state: OpenAIState): number {
  let owners = 0;
  for (const user of state.users) if (user.role === ROLE.owner) owners++;
  return owners;
}

function keepLastOwner(state: OpenAIState, user: WireUser, action: string, param: string | null): void {
  if (user.role === ROLE.owner && ownerCount(state) === 1) {
    throw refusal(400, `Cannot ${action} the last owner of the organization. Make another member an owner first.`, param, "last_owner");
  }
}

function emailFilter(query: URLSearchParams): ((user: WireUser) => boolean) | undefined {
  const emails = new Set([...query.getAll("emails"), ...query.getAll("emails[]")].map(normaliseEmail));
  return emails.size ? (user) => user.email != null && emails.has(normaliseEmail(user.email)) : undefined;
}

/** The actor of a change made through the API: the caller's admin key (the id adminKeys lists it under), owned by founder 0. */
function callerActor(state: OpenAIState, req: SandboxRequest): AuditActor {
  const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1]?.trim() ?? "";
  const ownerId = state.callerKeyOwner?.id ?? "";
  return apiKeyActor(`key_${hashHex(`openai:caller:${token}`, 16)}`, { id: ownerId, email: state.users.get(ownerId)?.email ?? null });
}

/** `effective_at[gte]` and friends, `event_types[]`, `resource_ids[]`; then the usual cursor page. */
function auditLogs(state: OpenAIState, query: URLSearchParams): SandboxResponse {
  const bound = (op: string) => {
    const raw = query.get(`effective_at[${op}]`);
    if (raw === null) return undefined;
    if (!/^\d+$/.test(raw))
      throw refusal(
        400,
        `Invalid 'effective_at[${op}]': expected an integer, but got '${raw}' instead.`,
        `effective_at[${op}]`,
        "invalid_type",
      );
    return Number(raw);
  };
  const [gt, gte, lt, lte] = ["gt", "gte", "lt", "lte"].map(bound);
  const types = new Set(query.getAll("event_types[]"));
  const resources = new Set(query.getAll("resource_ids[]"));
  const keep = (e: WireAuditLog) =>
    (gt === undefined || e.effective_at > gt) &&
    (gte === undefined || e.effective_at >= gte) &&
    (lt === undefined || e.effective_at < lt) &&
    (lte === undefined || e.effective_at <= lte) &&
    (types.size === 0 || types.has(e.type)) &&
    (resources.size === 0 || resources.has(String((e[e.type] as { id?: string } | undefined)?.id)));
  return listPage(state.audit.list, query, keep);
}

/**
 * `POST /__sandbox/openai/outside-change`: a change made in OpenAI's dashboard, not through the
 * API: `{"action": "role", "userId": "...", "role": "owner"}` or `{"action": "remove", "userId": "..."}`.
 * Logged with a session actor (founder 1), so Roster must flag it.
 */
function outsideChange(state: OpenAIState, body: unknown): SandboxResponse {
  const { action, userId, role } = (body ?? {}) as { action?: unknown; userId?: unknown; role?: unknown };
  const user = typeof userId === "string" ? state.users.get(userId) : undefined;
  if (!user) return { status: 400, body: { error: 'body must name an existing "userId"' } };
  const admin = [...state.users].find((u) => u.role === ROLE.owner && u.id !== state.callerKeyOwner?.id) ?? user;
  const actor = sessionActor(admin);
  if (action === "role" && (role === ROLE.owner || role === ROLE.reader)) {
    user.role = role;
    return { status: 200, body: state.audit.record("user.updated", { id: user.id, changes_requested: { role } }, actor) };
  }
  if (action === "remove") {
    state.users.remove(user.id);
    return { status: 200, body: state.audit.record("user.deleted", { id: user.id }, actor) };
  }
  return { status: 400, body: { error: 'action must be "role" (with role owner or reader) or "remove"' } };
}

/**
 * `POST /__sandbox/openai/accept-invite {"id"}`: the invitee accepts (what the invite email's
 * link does): a new organization user with the invite's role, in the invite's projects.
 */
function acceptInvite(state: OpenAIState, body: unknown, serial: number): SandboxResponse {
  const { id } = (body ?? {}) as { id?: unknown };
  const invite = typeof id === "string" ? state.invites.get(id) : undefined;
  if (!invite || invite.status !== "pending") return { status: 400, body: { error: 'body must name a pending invite\'s "id"' } };
  const at = now();
  const user: WireUser = {
    object: "organization.user",
    id: userId(`accepted:${serial}:${normaliseEmail(invite.email)}`),
    name: invite.email.split("@")[0],
    email: invite.email,
    role: invite.role === ROLE.owner ? ROLE.owner : ROLE.reader,
    added_at: at,
    is_service_account: false,
    is_scim_managed: false,
    api_key_last_used_at: null,
  };
  state.users.add(user);
  invite.status = "accepted";
  invite.accepted_at = at;
  joinInvitedProjects(state.projects, user, invite.projects ?? [], at);
  return { status: 200, body: user };
}

function applyUserUpdate(state: OpenAIState, user: WireUser, update: UserRoleUpdateRequest): WireUser {
  if (update.role_id != null)
    throw refusal(400, "Custom roles ('role_id') are not available in this sandbox; set 'role' instead.", "role_id");
  if (update.role == null) throw refusal(400, "Missing required parameter: 'role'.", "role", "missing_required_parameter");
  const role = roleSchema.safeParse(update.role);
  if (!role.success)
    throw refusal(400, `Invalid value: '${update.role}'. Supported values are: 'owner', 'reader'.`, "role", "invalid_value");
  if (role.data !== ROLE.owner) keepLastOwner(state, user, "demote", "role");
  user.role = role.data;
  return user;
}

function createInvite(state: OpenAIState, body: unknown, serial: number): SandboxResponse {
  const request = parseBody(inviteRequestSchema, body);
  const email = normaliseEmail(request.email);
  if (!EMAIL.test(email)) throw refusal(400, `Invalid 'email': '${request.email}' is not a valid email address.`, "email", "invalid_value");
  for (const user of state.users) {
    if (user.email && normaliseEmail(user.email) === email)
      throw refusal(400, `${request.email} is already a member of this organization.`, "email", "user_already_member");
  }
  for (const invite of state.invites) {
    if (invite.status === "pending" && normaliseEmail(invite.email) === email)
      throw refusal(400, `An invite for ${request.email} is already pending.`, "email", "invite_already_pending");
  }
  const invite = newInvite({ id: inviteId(`new:${serial}:${email}`), email: request.email.trim(), role: request.role, sentAt: now() });
  invite.projects = request.projects ?? [{ id: DEFAULT_PROJECT_ID, role: "member" }];
  state.invites.add(invite);
  return ok(invite);
}

function deleteInvite(state: OpenAIState, id: string): SandboxResponse {
  const invite = found(state.invites, id, "invite");
  if (invite.status === "accepted")
    throw refusal(400, `Invite ${id} has already been accepted and cannot be deleted.`, null, "invite_already_accepted");
  state.invites.remove(id);
  return ok({ object: "organization.invite.deleted", id, deleted: true } satisfies WireInviteDeleted);
}

function deleteUser(state: OpenAIState, id: string): SandboxResponse {
  keepLastOwner(state, found(state.users, id, "user"), "remove", null);
  state.users.remove(id);
  removeFromProjects(state.projects, id);
  return ok({ object: "organization.user.deleted", id, deleted: true } satisfies WireUserDeleted);
}

/** The key in the caller's own Authorization header is listed too, as on the real API. */
function adminKeys(state: OpenAIState, req: SandboxRequest): SandboxResponse {
  const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1]?.trim() ?? "";
  const caller = adminKey({
    id: `key_${hashHex(`openai:caller:${token}`, 16)}`,
    name: "Roster",
    redacted: redactKey(token),
    owner: state.callerKeyOwner,
    createdAt: state.callerKeyOwner.created_at ?? 0,
  });
  return listPage(new CursorList([caller, ...state.adminKeys]), req.query);
}

export function createOpenAISandbox(options: OpenAISandboxOptions): SandboxDefinition {
  if (!Number.isInteger(options.users) || options.users < FOUNDERS) {
    throw new Error(`The OpenAI sandbox needs at least ${FOUNDERS} users (the founders), got ${options.users}`);
  }
  const seed = buildSeed(options.users);
  let state = stateFrom(seed);
  let serial = 0;

  const route = (method: SandboxRoute["method"], pattern: string, handler: (req: SandboxRequest) => SandboxResponse): SandboxRoute => ({
    method,
    pattern,
    handler: answerRefusals(handler),
  });

  const projects = projectHandlers({ projects: () => state.projects, orgUser: (id) => state.users.get(id), listPage, now });

  return {
    provider: "openai",
    basePath: openaiDescriptor.sandboxBasePath,
    errorBody: (status, message) => openAIErrorBody(status, message),
    variances: OPENAI_VARIANCES,
    reset() {
      state = stateFrom(seed);
      serial = 0;
    },
    control: (method, path, body) => {
      if (method !== "POST") return undefined;
      if (path === "/__sandbox/openai/outside-change") return outsideChange(state, body);
      if (path === "/__sandbox/openai/accept-invite") return acceptInvite(state, body, ++serial);
      return undefined;
    },
    saveState: () => ({
      users: [...state.users],
      invites: [...state.invites],
      serial,
      projects: saveProjects(state.projects),
      auditLog: state.audit.events,
    }),
    loadState(saved) {
      const {
        users,
        invites,
        serial: savedSerial,
        projects,
      } = (saved ?? {}) as { users?: unknown; invites?: unknown; serial?: unknown; projects?: SavedProjects };
      if (!Array.isArray(users) || !Array.isArray(invites) || !Number.isInteger(savedSerial))
        throw new Error("not an OpenAI sandbox state");
      // A state saved before projects existed keeps the seed's projects.
      const { auditLog } = saved as { auditLog?: unknown };
      const fresh = stateFrom(seed);
      state = {
        ...fresh,
        users: new CursorList(users as WireUser[]),
        invites: new CursorList(invites as WireInviteCurrent[]),
        projects: projects && Array.isArray(projects.projects) && Array.isArray(projects.users) ? projectsFrom(projects) : fresh.projects,
        audit: Array.isArray(auditLog) ? new AuditTrail(auditLog as WireAuditLog[]) : fresh.audit,
      };
      serial = savedSerial as number;
    },
    routes: [
      route("GET", "/organization/users", (req) => listPage(state.users, req.query, emailFilter(req.query))),
      route("GET", "/organization/users/{user_id}", (req) => ok(found(state.users, req.params.user_id, "user"))),
      route("POST", "/organization/users/{user_id}", (req) => {
        const user = applyUserUpdate(
          state,
          found(state.users, req.params.user_id, "user"),
          parseBody(userRoleUpdateRequestSchema, req.body),
        );
        state.audit.record("user.updated", { id: user.id, changes_requested: { role: user.role } }, callerActor(state, req));
        return ok(user);
      }),
      route("DELETE", "/organization/users/{user_id}", (req) => {
        const answer = deleteUser(state, req.params.user_id);
        state.audit.record("user.deleted", { id: req.params.user_id }, callerActor(state, req));
        return answer;
      }),
      route("GET", "/organization/invites", (req) => listPage(state.invites, req.query)),
      route("POST", "/organization/invites", (req) => {
        const answer = createInvite(state, req.body, ++serial);
        const invite = answer.body as WireInviteCurrent;
        state.audit.record(
          "invite.sent",
          { id: invite.id, data: { email: invite.email, role: invite.role === ROLE.owner ? "owner" : "member" } },
          callerActor(state, req),
        );
        return answer;
      }),
      route("GET", "/organization/invites/{invite_id}", (req) => ok(found(state.invites, req.params.invite_id, "invite"))),
      route("DELETE", "/organization/invites/{invite_id}", (req) => {
        const answer = deleteInvite(state, req.params.invite_id);
        state.audit.record("invite.deleted", { id: req.params.invite_id }, callerActor(state, req));
        return answer;
      }),
      route("GET", "/organization/audit_logs", (req) => auditLogs(state, req.query)),
      route("GET", "/organization/usage/completions", (req) => usageCompletions(state.users, req.query)),
      route("GET", "/organization/admin_api_keys", (req) => adminKeys(state, req)),
      route("GET", "/organization/projects", projects.list),
      route("GET", "/organization/projects/{project_id}/users", projects.listUsers),
      route("POST", "/organization/projects/{project_id}/users", projects.addUser),
      route("GET", "/organization/projects/{project_id}/users/{user_id}", projects.getUser),
      route("POST", "/organization/projects/{project_id}/users/{user_id}", projects.updateUser),
      route("DELETE", "/organization/projects/{project_id}/users/{user_id}", projects.deleteUser),
    ],
  };
}
