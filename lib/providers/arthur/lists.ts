import type { z } from "zod";
import { isProviderError } from "../errors";
import { type Limiter, createLimiter, laterPageNumbers, readCompleteList } from "../paging";
import type { ReadReport } from "../read-report";
import { type ItemSpec, readItems, type Tolerated } from "../tolerant";
import type { ListOptions, Member, ScopedRole } from "../types";
import type { ArthurClient } from "./client";
import {
  BINDING_ITEM,
  bindingsByUser,
  primaryBinding,
  type ReadBinding,
  type ReadRole,
  type ReadUser,
  ROLE_ITEM,
  type RoleUnread,
  toMember,
  USER_ITEM,
  type UserOrgBinding,
  WORKSPACE_ITEM,
} from "./mapping";
import { ownerRoleIds } from "./roles";
import { GROUP_ITEM, GROUP_MEMBERSHIP_ITEM, groupGrantsByUser, type ReadGroup, type ReadMembership } from "./groups";
import { MAX_PAGE_SIZE, type PageEnvelope, type UserType, type WireWorkspace } from "./schemas";

/** People and service accounts; data-plane users are infrastructure, not members. */
export const MEMBER_USER_TYPES: UserType[] = ["user", "service_account"];

/** The Arthur permission each list needs (the OAuth scope the spec gives each operation). */
export const LIST_PERMISSIONS = {
  users: "organization_list_users",
  roles: "organization_list_roles",
  bindings: "organization_list_role_bindings",
  workspaces: "organization_list_workspaces",
  groups: "organization_list_groups",
  groupMemberships: "organization_list_group_memberships",
} as const;

type PageFetcher = (page: number, pageSize: number, signal: AbortSignal) => Promise<PageEnvelope>;

/** Oldest first: records created while the pages are read land at the end, not across pages already read. */
const STABLE_SORT = { sort: "created_at", order: "asc" } as const;

/**
 * Whole-list reads over Arthur's page-numbered endpoints, at the largest page size, with
 * a stable sort where the endpoint has one, duplicates dropped and the total checked
 * (readCompleteList). One limiter per client bounds every listing it runs, together,
 * to MAX_CONCURRENCY requests in flight.
 */
export function arthurLists(client: ArthurClient, limit: Limiter = createLimiter()) {
  function all<S extends z.ZodType>(
    spec: ItemSpec<S>,
    part: string,
    fetchPage: PageFetcher,
    options: ListOptions = {},
    prepare: (raw: unknown) => unknown = (raw) => raw,
  ): Promise<Array<Tolerated<z.infer<S>>>> {
    return readCompleteList(
      {
        first: 1,
        rest: (first: PageEnvelope) => laterPageNumbers(first.pagination.total_pages),
        fetchPage: (page, signal) => fetchPage(page, MAX_PAGE_SIZE, signal),
        items: (page) => readItems(spec, page.records.map(prepare), options.report),
        sent: (page) => page.records.length,
        total: (page) => page.pagination.total_records,
      },
      { ...options, limit, idOf: (item) => item.id, item: spec.item, part },
    );
  }

  const lists = {
    users: (options?: ListOptions, userTypes: UserType[] = MEMBER_USER_TYPES): Promise<ReadUser[]> =>
      all(
        USER_ITEM,
        "users",
        (page, page_size, signal) => client.listUsers({ ...STABLE_SORT, user_types: userTypes, page, page_size }, signal),
        options,
      ),

    roles: (options?: ListOptions): Promise<ReadRole[]> =>
      all(ROLE_ITEM, "roles", (page, page_size, signal) => client.listRoles({ ...STABLE_SORT, page, page_size }, signal), options),

    /**
     * Organization role bindings of users and groups, in one listing (the endpoint has no
     * sort; the user-type filter applies to user bindings only); `search` narrows by
     * member id, member name or role name.
     */
    bindings: (options?: ListOptions, search?: string): Promise<ReadBinding[]> =>
      all(
        BINDING_ITEM,
        "role bindings",
        (page, page_size, signal) => client.listRoleBindings({ search, user_types: MEMBER_USER_TYPES, page, page_size }, signal),
        options,
      ),

    workspaces: async (options?: ListOptions): Promise<WireWorkspace[]> =>
      (
        await all(
          WORKSPACE_ITEM,
          "workspaces",
          (page, page_size, signal) => client.listWorkspaces({ ...STABLE_SORT, page, page_size }, signal),
          options,
        )
      ).map((w) => ({ ...w, name: w.name ?? w.id }) as WireWorkspace),

    groups: (options?: ListOptions): Promise<ReadGroup[]> =>
      all(GROUP_ITEM, "groups", (page, page_size, signal) => client.listGroups({ ...STABLE_SORT, page, page_size }, signal), options),

    /** Every user-in-group record (or those of the given users); a membership has no id of its own, so group and user make one. */
    groupMemberships: (options?: ListOptions, userIds?: string[]): Promise<ReadMembership[]> =>
      all(
        GROUP_MEMBERSHIP_ITEM,
        "group memberships",
        (page, page_size, signal) => client.listGroupMemberships({ user_ids: userIds, page, page_size }, signal),
        options,
        membershipWithId,
      ),

    /** Organization role bindings of groups. */
    groupBindings: (options?: ListOptions): Promise<ReadBinding[]> =>
      all(
        BINDING_ITEM,
        "group role bindings",
        (page, page_size, signal) => client.listRoleBindings({ bound_member_kind: "group", page, page_size }, signal),
        options,
      ),

    /** The given users' organization roles through groups (one member read on its own). */
    groupGrantsOf: async (userIds: string[], options?: ListOptions): Promise<Map<string, ScopedRole[]>> => {
      const [bindings, memberships] = await Promise.all([lists.groupBindings(options), lists.groupMemberships(options, userIds)]);
      return groupGrantsByUser(bindings, memberships);
    },

    ownerRoles: async (options?: ListOptions): Promise<Set<string>> => ownerRoleIds(await lists.roles(options)),

    /** A member's own organization role bindings (one, normally). */
    memberBindings: async (memberId: string, options?: ListOptions): Promise<UserOrgBinding[]> =>
      bindingsByUser(await lists.bindings(options, memberId)).get(memberId) ?? [],

    /**
     * Users of the given types joined with their organization role; progress counts users,
     * what the caller waits for. Users are the listing: when they cannot be read, it fails.
     * Role bindings or roles that cannot be read leave every user listed, with the role
     * unknown (bindings) or chosen without knowing owner roles (roles), and the part is
     * noted as missing, with the permission that reads it when Arthur refused.
     */
    members: async (options: ListOptions = {}, userTypes: UserType[] = MEMBER_USER_TYPES): Promise<Member[]> => {
      const { report } = options;
      const quiet = { signal: options.signal, report };
      const [users, bindings, owners, memberships] = await Promise.all([
        lists.users(options, userTypes),
        partOrMissing(lists.bindings(quiet), "role bindings", LIST_PERMISSIONS.bindings, report),
        partOrMissing(lists.ownerRoles(quiet), "roles", LIST_PERMISSIONS.roles, report),
        partOrMissing(lists.groupMemberships(quiet), "group memberships", LIST_PERMISSIONS.groupMemberships, report),
      ]);
      if ("unread" in bindings) return users.map((user) => toMember(user, undefined, bindings.unread));
      const viaGroups = "unread" in memberships ? new Map<string, ScopedRole[]>() : groupGrantsByUser(bindings.value, memberships.value);
      const byUser = bindingsByUser(bindings.value);
      const ownerIds = "unread" in owners ? new Set<string>() : owners.value;
      return users.map((user) => withGroupGrants(toMember(user, primaryBinding(byUser.get(user.id) ?? [], ownerIds)), viaGroups));
    },
  };
  return lists;
}

/** A group membership has no id of its own: its group and user make one. */
function membershipWithId(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null) return raw;
  const { group_id, user_id } = raw as { group_id?: unknown; user_id?: unknown };
  return typeof group_id === "string" && typeof user_id === "string" ? { ...raw, id: `${group_id}:${user_id}` } : raw;
}

/** The member with the roles it holds through groups, if any. */
export function withGroupGrants(member: Member, viaGroups: ReadonlyMap<string, ScopedRole[]>): Member {
  const grants = viaGroups.get(member.id);
  return grants?.length ? { ...member, scopedRoles: [...(member.scopedRoles ?? []), ...grants] } : member;
}

/**
 * A part of a listing the listing can do without: its value, or why it is missing (noted
 * in the report). Without a report (a single read, not a sync) the failure stands.
 */
async function partOrMissing<T>(
  read: Promise<T>,
  part: string,
  permission: string,
  report: ReadReport | undefined,
): Promise<{ value: T } | { unread: RoleUnread }> {
  try {
    return { value: await read };
  } catch (error) {
    if (!report || !isProviderError(error) || error.kind === "timeout") throw error;
    const refused = error.status === 401 || error.status === 403;
    report.missingPart({ part, reason: error.message, status: error.status, ...(refused ? { permission } : {}) });
    return { unread: { reason: `Arthur's ${part} could not be read: ${error.message}` } };
  }
}

export type ArthurLists = ReturnType<typeof arthurLists>;
