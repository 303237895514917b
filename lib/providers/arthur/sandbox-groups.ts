import { uuidFrom } from "../../sandbox/seed";
import type { SandboxRequest, SandboxResponse, SandboxRoute } from "../../sandbox/server";
import { QueryReader, badPathUuid, fail, ok, paginate, parseBody, routesFor, unprocessable } from "./sandbox-http";
import type { ArthurSandboxState } from "./sandbox-state";
import { SANDBOX_ORGANIZATION, SANDBOX_ROLE_IDS } from "./sandbox-seed";
import { type WireGroup, type WireGroupMembership, groupMembershipChangeSchema, groupSortSchema, sortOrderSchema } from "./schemas";

/**
 * The Arthur sandbox's groups: two seeded groups with organization role bindings
 * ("Data Science" grants Organization Member, "data-team" Organization Admin, so one
 * person is an owner only through it), their memberships, and the spec's group routes.
 */

const SEED_TIME = "2023-03-01T09:00:00Z";

/** The seeded groups, what each grants, and the positions of their people among the seeded people (3: a founder with Read Only). */
export const SANDBOX_GROUPS = {
  dataScience: { id: uuidFrom("arthur:group:data-science"), name: "Data Science", roleId: SANDBOX_ROLE_IDS.member, people: [2, 4, 5, 6] },
  dataTeam: { id: uuidFrom("arthur:group:data-team"), name: "data-team", roleId: SANDBOX_ROLE_IDS.admin, people: [3] },
} as const;

interface Membership {
  groupId: string;
  userId: string;
  createdAt: string;
}

export class SandboxGroups {
  private groups = new Map<string, Omit<WireGroup, "members">>();
  private memberships: Membership[] = [];

  /** The seeded groups, with those of their people the organization holds (`people`: the seeded people's ids, in seed order). */
  reset(people: readonly string[]): void {
    this.groups.clear();
    this.memberships = [];
    for (const seed of Object.values(SANDBOX_GROUPS)) {
      this.groups.set(seed.id, {
        created_at: SEED_TIME,
        updated_at: SEED_TIME,
        id: seed.id,
        name: seed.name,
        description: null,
        identity_provider_mapping_name: null,
        organization_id: SANDBOX_ORGANIZATION.id,
      });
      for (const position of seed.people) {
        if (people[position]) this.memberships.push({ groupId: seed.id, userId: people[position], createdAt: SEED_TIME });
      }
    }
  }

  save(): Membership[] {
    return [...this.memberships];
  }

  /** Saved memberships; a save from before groups existed keeps the seeded ones. */
  load(saved: unknown, people: readonly string[]): void {
    this.reset(people);
    if (Array.isArray(saved)) this.memberships = (saved as Membership[]).filter((m) => this.groups.has(m.groupId));
  }

  group(id: string): WireGroup | undefined {
    const group = this.groups.get(id.toLowerCase());
    return group && { ...group, members: this.memberships.filter((m) => m.groupId === group.id).length };
  }

  list(): WireGroup[] {
    return [...this.groups.keys()].map((id) => this.group(id)!);
  }

  userIds(groupId: string): string[] {
    return this.memberships.filter((m) => m.groupId === groupId).map((m) => m.userId);
  }

  listMemberships(filter: { userIds?: string[]; groupIds?: string[]; groupName?: string }): WireGroupMembership[] {
    const name = filter.groupName?.toLowerCase();
    return this.memberships
      .filter(
        (m) =>
          (!filter.userIds || filter.userIds.includes(m.userId)) &&
          (!filter.groupIds || filter.groupIds.includes(m.groupId)) &&
          (!name || this.groups.get(m.groupId)!.name.toLowerCase().includes(name)),
      )
      .map((m) => ({
        created_at: m.createdAt,
        updated_at: m.createdAt,
        group: this.group(m.groupId)!,
        group_id: m.groupId,
        user_id: m.userId,
      }));
  }

  add(groupId: string, userIds: string[]): void {
    const time = new Date().toISOString();
    for (const userId of userIds) {
      if (!this.memberships.some((m) => m.groupId === groupId && m.userId === userId))
        this.memberships.push({ groupId, userId, createdAt: time });
    }
  }

  remove(groupId: string, userIds: string[]): void {
    this.memberships = this.memberships.filter((m) => m.groupId !== groupId || !userIds.includes(m.userId));
  }

  /** A removed user leaves every group. */
  forgetUser(userId: string): void {
    this.memberships = this.memberships.filter((m) => m.userId !== userId);
  }
}

function listGroups(state: ArthurSandboxState, req: SandboxRequest): SandboxResponse {
  const q = new QueryReader(req.query);
  const sort = q.choice("sort", groupSortSchema.options, "name");
  const order = q.choice("order", sortOrderSchema.options, "asc");
  const name = q.string("name")?.toLowerCase();
  const paging = q.paging();
  if (q.errors.length) return unprocessable(q.errors);
  const matching = state.groups.list().filter((group) => !name || group.name.toLowerCase().includes(name));
  const key = (group: WireGroup) => (sort === "name" ? group.name.toLowerCase() : group[sort]);
  const sorted = matching.sort((a, b) => key(a).localeCompare(key(b)) || a.id.localeCompare(b.id));
  return ok(paginate(order === "desc" ? sorted.reverse() : sorted, paging));
}

function listMemberships(state: ArthurSandboxState, req: SandboxRequest): SandboxResponse {
  const q = new QueryReader(req.query);
  const userIds = q.uuids("user_ids");
  const groupIds = q.uuids("group_ids");
  const groupName = q.string("group_name");
  const paging = q.paging();
  if (q.errors.length) return unprocessable(q.errors);
  return ok(paginate(state.groups.listMemberships({ userIds, groupIds, groupName }), paging));
}

/** The group named in the path, or the answer when the id is no uuid or no group. */
function pathGroup(state: ArthurSandboxState, req: SandboxRequest): WireGroup | SandboxResponse {
  const invalid = badPathUuid("group_id", req.params.group_id);
  if (invalid) return invalid;
  return state.groups.group(req.params.group_id) ?? fail(404, "Group not found");
}

const isAnswer = (value: object): value is SandboxResponse => "status" in value && typeof value.status === "number";

function groupUsers(state: ArthurSandboxState, req: SandboxRequest): SandboxResponse {
  const group = pathGroup(state, req);
  if (isAnswer(group)) return group;
  const paging = new QueryReader(req.query).paging();
  const users = state.groups
    .userIds(group.id)
    .map((id) => state.user(id))
    .filter((user) => user !== undefined);
  return ok(paginate(users, paging));
}

function changeMembers(change: "add" | "remove") {
  return (state: ArthurSandboxState, req: SandboxRequest): SandboxResponse => {
    const group = pathGroup(state, req);
    if (isAnswer(group)) return group;
    const parsed = parseBody(groupMembershipChangeSchema, req.body);
    if ("error" in parsed) return parsed.error;
    const ids = parsed.data.user_ids.map((id) => id.toLowerCase());
    const unknown = ids.find((id) => !state.user(id));
    if (unknown) return fail(404, `User ${unknown} not found`);
    if (change === "add") state.groups.add(group.id, ids);
    else state.groups.remove(group.id, ids);
    state.changed();
    return ok(state.groups.group(group.id));
  };
}

export function groupRoutes(state: ArthurSandboxState): SandboxRoute[] {
  return routesFor(state, [
    ["GET", "/api/v1/organization/groups", listGroups],
    ["GET", "/api/v1/organization/group_memberships", listMemberships],
    ["GET", "/api/v1/groups/{group_id}/users", groupUsers],
    ["POST", "/api/v1/groups/{group_id}/users", changeMembers("add")],
    ["DELETE", "/api/v1/groups/{group_id}/users", changeMembers("remove")],
  ]);
}
