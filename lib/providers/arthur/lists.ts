import { type Limiter, createLimiter, laterPageNumbers, readAllPages } from "../paging";
import type { ListOptions, Member } from "../types";
import type { ArthurClient } from "./client";
import { bindingsByUser, primaryBinding, toMember } from "./mapping";
import { ownerRoleIds } from "./roles";
import {
  MAX_PAGE_SIZE,
  type ResourceList,
  type UserType,
  type WireRole,
  type WireRoleBinding,
  type WireUser,
  type WireWorkspace,
} from "./schemas";

/** People and service accounts; data-plane users are infrastructure, not members. */
export const MEMBER_USER_TYPES: UserType[] = ["user", "service_account"];

type PageFetcher<T> = (page: number, pageSize: number, signal: AbortSignal) => Promise<ResourceList<T>>;

/** Page lists can shift while they are read in parallel; keep the first copy of each id. */
function uniqueById<T extends { id: string }>(records: T[]): T[] {
  const seen = new Map<string, T>();
  for (const record of records) if (!seen.has(record.id)) seen.set(record.id, record);
  return [...seen.values()];
}

/**
 * Whole-list reads over Arthur's page-numbered endpoints, at the largest page size. One
 * limiter per client bounds every listing it runs, together, to MAX_CONCURRENCY requests in flight.
 */
export function arthurLists(client: ArthurClient, limit: Limiter = createLimiter()) {
  function all<T>(fetchPage: PageFetcher<T>, options: ListOptions = {}): Promise<T[]> {
    return readAllPages(
      {
        first: 1,
        rest: (first: ResourceList<T>) => laterPageNumbers(first.pagination.total_pages),
        fetchPage: (page, signal) => fetchPage(page, MAX_PAGE_SIZE, signal),
        items: (page) => page.records,
        total: (page) => page.pagination.total_records,
      },
      { ...options, limit },
    );
  }

  const lists = {
    users: (options?: ListOptions, userTypes: UserType[] = MEMBER_USER_TYPES): Promise<WireUser[]> =>
      all((page, page_size, signal) => client.listUsers({ user_types: userTypes, page, page_size }, signal), options).then(
        uniqueById,
      ),

    roles: (options?: ListOptions): Promise<WireRole[]> =>
      all((page, page_size, signal) => client.listRoles({ page, page_size }, signal), options),

    /** Organization role bindings of users; `search` narrows by user id, user name or role name. */
    bindings: (options?: ListOptions, search?: string): Promise<WireRoleBinding[]> =>
      all(
        (page, page_size, signal) =>
          client.listRoleBindings({ search, bound_member_kind: "user", user_types: MEMBER_USER_TYPES, page, page_size }, signal),
        options,
      ).then(uniqueById),

    workspaces: (options?: ListOptions): Promise<WireWorkspace[]> =>
      all((page, page_size, signal) => client.listWorkspaces({ page, page_size }, signal), options),

    ownerRoles: async (options?: ListOptions): Promise<Set<string>> => ownerRoleIds(await lists.roles(options)),

    /** A member's own organization role bindings (one, normally). */
    memberBindings: async (memberId: string, options?: ListOptions): Promise<WireRoleBinding[]> =>
      bindingsByUser(await lists.bindings(options, memberId)).get(memberId) ?? [],

    /** Users of the given types joined with their organization role; progress counts users, what the caller waits for. */
    members: async (options: ListOptions = {}, userTypes: UserType[] = MEMBER_USER_TYPES): Promise<Member[]> => {
      const quiet = { signal: options.signal };
      const [users, bindings, owners] = await Promise.all([
        lists.users(options, userTypes),
        lists.bindings(quiet),
        lists.ownerRoles(quiet),
      ]);
      const byUser = bindingsByUser(bindings);
      return users.map((user) => toMember(user, primaryBinding(byUser.get(user.id) ?? [], owners)));
    },
  };
  return lists;
}

export type ArthurLists = ReturnType<typeof arthurLists>;
