import type { z } from "zod";
import { isProviderError } from "../errors";
import { type Limiter, createLimiter, laterPageNumbers, readCompleteList } from "../paging";
import type { ReadReport } from "../read-report";
import { type ItemSpec, readItems, type Tolerated } from "../tolerant";
import type { ListOptions, Member } from "../types";
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
import { MAX_PAGE_SIZE, type PageEnvelope, type UserType, type WireWorkspace } from "./schemas";

/** People and service accounts; data-plane users are infrastructure, not members. */
export const MEMBER_USER_TYPES: UserType[] = ["user", "service_account"];

/** The Arthur permission each list needs (the OAuth scope the spec gives each operation). */
export const LIST_PERMISSIONS = {
  users: "organization_list_users",
  roles: "organization_list_roles",
  bindings: "organization_list_role_bindings",
  workspaces: "organization_list_workspaces",
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
  ): Promise<Array<Tolerated<z.infer<S>>>> {
    return readCompleteList(
      {
        first: 1,
        rest: (first: PageEnvelope) => laterPageNumbers(first.pagination.total_pages),
        fetchPage: (page, signal) => fetchPage(page, MAX_PAGE_SIZE, signal),
        items: (page) => readItems(spec, page.records, options.report),
        sent: (page) => page.records.length,
        total: (page) => page.pagination.total_records,
      },
      { ...options, limit, idOf: (item) => item.id, item: spec.item, part },
    );
  }

  const lists = {
    users: (options?: ListOptions, userTypes: UserType[] = MEMBER_USER_TYPES): Promise<ReadUser[]> =>
      all(USER_ITEM, "users", (page, page_size, signal) => client.listUsers({ ...STABLE_SORT, user_types: userTypes, page, page_size }, signal), options),

    roles: (options?: ListOptions): Promise<ReadRole[]> =>
      all(ROLE_ITEM, "roles", (page, page_size, signal) => client.listRoles({ ...STABLE_SORT, page, page_size }, signal), options),

    /** Organization role bindings of users (the endpoint has no sort); `search` narrows by user id, user name or role name. */
    bindings: (options?: ListOptions, search?: string): Promise<ReadBinding[]> =>
      all(
        BINDING_ITEM,
        "role bindings",
        (page, page_size, signal) =>
          client.listRoleBindings({ search, bound_member_kind: "user", user_types: MEMBER_USER_TYPES, page, page_size }, signal),
        options,
      ),

    workspaces: async (options?: ListOptions): Promise<WireWorkspace[]> =>
      (await all(WORKSPACE_ITEM, "workspaces", (page, page_size, signal) => client.listWorkspaces({ ...STABLE_SORT, page, page_size }, signal), options)).map(
        (w) => ({ ...w, name: w.name ?? w.id }) as WireWorkspace,
      ),

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
      const [users, bindings, owners] = await Promise.all([
        lists.users(options, userTypes),
        partOrMissing(lists.bindings(quiet), "role bindings", LIST_PERMISSIONS.bindings, report),
        partOrMissing(lists.ownerRoles(quiet), "roles", LIST_PERMISSIONS.roles, report),
      ]);
      if ("unread" in bindings) return users.map((user) => toMember(user, undefined, bindings.unread));
      const byUser = bindingsByUser(bindings.value);
      const ownerIds = "unread" in owners ? new Set<string>() : owners.value;
      return users.map((user) => toMember(user, primaryBinding(byUser.get(user.id) ?? [], ownerIds)));
    },
  };
  return lists;
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
