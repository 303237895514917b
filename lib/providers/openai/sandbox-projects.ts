import { FOUNDERS } from "../../sandbox/seed";
import type { SandboxRequest, SandboxResponse } from "../../sandbox/server";
import { CursorList } from "./cursor-list";
import { PROJECT_ROLE } from "./roles";
import { parseBody, refusal } from "./sandbox-errors";
import {
  projectUserCreateRequestSchema,
  projectUserUpdateRequestSchema,
  type WireProject,
  type WireProjectUser,
  type WireUser,
} from "./schemas";

/**
 * The sandbox's projects (`/organization/projects*`): a deterministic handful, whatever the
 * organization's size, so a newcomer sees project roles and a large bench org costs only a
 * few extra requests per sync (each project holds at most PROJECT_MEMBERS_MAX users).
 *
 * Choices where the spec is silent:
 * - Adding a user already in the project, or one who is not an organization member ("Users
 *   must already be members of the organization"), is a 400; so is a role other than
 *   `owner` or `member`.
 * - A user not in the project is a 404 on its retrieve, modify and delete.
 * - An archived project is listed only with `include_archived=true`; its user list is a 400
 *   (as the spec documents), and so is any change in it.
 * - The sandbox does not keep a project's last owner: Roster's own rule must (and is tested to).
 * - Removing a user from the organization removes them from every project.
 */

export const PROJECT_MEMBERS_MAX = 48;

export interface ProjectsState {
  projects: CursorList<WireProject>;
  /** Project id → its users, in the order they were added. */
  users: Map<string, CursorList<WireProjectUser>>;
}

/** Saved form (demo state file). */
export interface SavedProjects {
  projects: WireProject[];
  users: Array<[string, WireProjectUser[]]>;
}

interface ProjectSeed {
  id: string;
  name: string;
  createdAt: number;
  archived?: boolean;
  /** Which users (by index in the organization's list) belong, and as what. */
  member: (index: number) => "owner" | "member" | null;
}

const DAY = 86_400;
const SEED_EPOCH = Date.UTC(2025, 0, 6) / 1000;

/** Founders 0 and 1 own the default project; Research has two owners, Support assistant exactly one (founder 2). */
const PROJECT_SEEDS: ProjectSeed[] = [
  {
    id: "proj_default",
    name: "Default project",
    createdAt: SEED_EPOCH,
    member: (i) => (i < 2 ? "owner" : i < PROJECT_MEMBERS_MAX ? "member" : null),
  },
  {
    id: "proj_research",
    name: "Research",
    createdAt: SEED_EPOCH + 30 * DAY,
    member: (i) => (i === 1 || i === 4 ? "owner" : i % 2 === 0 && i < 40 ? "member" : null),
  },
  {
    id: "proj_support",
    name: "Support assistant",
    createdAt: SEED_EPOCH + 60 * DAY,
    member: (i) => (i === 2 ? "owner" : i % 3 === 0 && i < 30 ? "member" : null),
  },
  {
    id: "proj_legacy",
    name: "Legacy experiments",
    createdAt: SEED_EPOCH + 5 * DAY,
    archived: true,
    member: (i) => (i < 3 ? "owner" : null),
  },
];

function projectUser(user: WireUser, role: string, addedAt: number): WireProjectUser {
  return { object: "organization.project.user", id: user.id, name: user.name ?? null, email: user.email ?? null, role, added_at: addedAt };
}

export function seedProjects(users: readonly WireUser[]): SavedProjects {
  // Service accounts stay out of the seed's projects; only the first PROJECT_MEMBERS_MAX users are considered.
  const early = users.slice(0, Math.max(FOUNDERS, PROJECT_MEMBERS_MAX));
  return {
    projects: PROJECT_SEEDS.map((p) => ({
      object: "organization.project",
      id: p.id,
      name: p.name,
      created_at: p.createdAt,
      archived_at: p.archived ? p.createdAt + 90 * DAY : null,
      status: p.archived ? "archived" : "active",
    })),
    users: PROJECT_SEEDS.map((p) => [
      p.id,
      early.flatMap((user, i) => {
        const role = user.is_service_account ? null : p.member(i);
        return role ? [projectUser(user, role, Math.max(p.createdAt, user.added_at) + DAY)] : [];
      }),
    ]),
  };
}

export function projectsFrom(saved: SavedProjects): ProjectsState {
  return {
    projects: new CursorList(saved.projects.map((p) => ({ ...p }))),
    users: new Map(saved.users.map(([id, list]) => [id, new CursorList(list.map((u) => ({ ...u })))])),
  };
}

export function saveProjects(state: ProjectsState): SavedProjects {
  return { projects: [...state.projects], users: [...state.users].map(([id, list]) => [id, [...list]]) };
}

const isArchived = (p: WireProject) => p.status === "archived" || p.archived_at != null;

function activeProject(state: ProjectsState, id: string, what: string): CursorList<WireProjectUser> {
  const project = state.projects.get(id);
  if (!project) throw refusal(404, `No such project: ${id}`);
  if (isArchived(project)) throw refusal(400, `Project ${id} is archived: cannot ${what}.`, null, "project_archived");
  return state.users.get(id)!;
}

function memberOf(list: CursorList<WireProjectUser>, projectId: string, userId: string): WireProjectUser {
  const user = list.get(userId);
  if (!user) throw refusal(404, `No such user in project ${projectId}: ${userId}`);
  return user;
}

function checkedRole(role: string | null | undefined): string {
  if (role === PROJECT_ROLE.owner || role === PROJECT_ROLE.member) return role;
  if (role == null) throw refusal(400, "Missing required parameter: 'role'.", "role", "missing_required_parameter");
  throw refusal(400, `Invalid value: '${role}'. Supported values are: 'owner', 'member'.`, "role", "invalid_value");
}

export interface ProjectRouteDeps {
  projects: () => ProjectsState;
  orgUser: (id: string) => WireUser | undefined;
  listPage: <T extends { id: string }>(list: CursorList<T>, query: URLSearchParams, keep?: (item: T) => boolean) => SandboxResponse;
  now: () => number;
}

export function projectHandlers(deps: ProjectRouteDeps) {
  const ok = (body: unknown): SandboxResponse => ({ status: 200, body });
  return {
    list: (req: SandboxRequest) => {
      const archivedToo = req.query.get("include_archived") === "true";
      return deps.listPage(deps.projects().projects, req.query, archivedToo ? undefined : (p) => !isArchived(p));
    },
    listUsers: (req: SandboxRequest) => deps.listPage(activeProject(deps.projects(), req.params.project_id, "list its users"), req.query),
    getUser: (req: SandboxRequest) => {
      const list = activeProject(deps.projects(), req.params.project_id, "read its users");
      return ok(memberOf(list, req.params.project_id, req.params.user_id));
    },
    addUser: (req: SandboxRequest) => {
      const list = activeProject(deps.projects(), req.params.project_id, "add users");
      const body = parseBody(projectUserCreateRequestSchema, req.body);
      if (!body.user_id) throw refusal(400, "Missing required parameter: 'user_id'.", "user_id", "missing_required_parameter");
      const role = checkedRole(body.role);
      const user = deps.orgUser(body.user_id);
      if (!user) throw refusal(400, `User ${body.user_id} is not a member of this organization.`, "user_id", "user_not_in_organization");
      if (list.get(user.id))
        throw refusal(
          400,
          `User ${user.id} is already a member of project ${req.params.project_id}.`,
          "user_id",
          "user_already_in_project",
        );
      const added = projectUser(user, role, deps.now());
      list.add(added);
      return ok(added);
    },
    updateUser: (req: SandboxRequest) => {
      const list = activeProject(deps.projects(), req.params.project_id, "change roles");
      const user = memberOf(list, req.params.project_id, req.params.user_id);
      user.role = checkedRole(parseBody(projectUserUpdateRequestSchema, req.body).role);
      return ok(user);
    },
    deleteUser: (req: SandboxRequest) => {
      const list = activeProject(deps.projects(), req.params.project_id, "remove users");
      const user = memberOf(list, req.params.project_id, req.params.user_id);
      list.remove(user.id);
      return ok({ object: "organization.project.user.deleted", id: user.id, deleted: true });
    },
  };
}

/** The organization removed a user: they leave every project too. */
export function removeFromProjects(state: ProjectsState, userId: string): void {
  for (const list of state.users.values()) list.remove(userId);
}

/**
 * An accepted invite's projects (the spec: "membership is granted at the same time the org
 * invite is accepted"): the new user joins each active project it names with its role.
 * A project gone or archived since the invite was sent is skipped.
 */
export function joinInvitedProjects(
  state: ProjectsState,
  user: WireUser,
  projects: ReadonlyArray<{ id: string; role: string }>,
  at: number,
): void {
  for (const { id, role } of projects) {
    const project = state.projects.get(id);
    const list = state.users.get(id);
    if (!project || !list || isArchived(project) || list.get(user.id)) continue;
    list.add(projectUser(user, role, at));
  }
}
