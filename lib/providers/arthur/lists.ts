import type { ListOptions, Member } from "../types";
import type { ArthurClient } from "./client";
import { bindingsByUser, primaryBinding, toMember } from "./mapping";
import { type Limiter, MAX_CONCURRENCY, type PageFetcher, createLimiter, fetchAllPages, uniqueById } from "./paging";
import { ownerRoleIds } from "./roles";
import type { UserType, WireRole, WireRoleBinding, WireUser, WireWorkspace } from "./schemas";

/** People and service accounts; data-plane users are infrastructure, not members. */
export const MEMBER_USER_TYPES: UserType[] = ["user", "service_account"];

/**
 * Whole-list reads over Arthur's page-numbered endpoints. One limiter per client
 * bounds every listing it runs, together, to MAX_CONCURRENCY requests in flight.
 */
export function arthurLists(client: ArthurClient, limit: Limiter = createLimiter(MAX_CONCURRENCY)) {
  function all<T>(fetchPage: PageFetcher<T>, { signal, onProgress }: ListOptions = {}): Promise<T[]> {
    return fetchAllPages(fetchPage, {
      limit,
      signal,
      onProgress: onProgress && ((fetched, total) => onProgress({ fetched, total })),
    });
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
