import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/fetcher";
import { GRANT_VIAS, MEMBER_KINDS, MEMBER_STATUSES, SORT_FIELDS, SORT_ORDERS, USERS_QUERY_LIMITS as L } from "@/lib/directory/constants";
import type { UsersQuery, UsersResponse } from "@/lib/directory/types";
import { PROVIDER_IDS } from "@/lib/providers/types";
import { usersKeys } from "./keys";

export const DEFAULT_USERS_QUERY: UsersQuery = {
  q: "",
  sort: "name",
  order: "asc",
  page: 1,
  pageSize: L.defaultPageSize,
};

export const USERS_LIST_KEYS = ["provider", "role", "status", "kind", "workspace", "via"] as const;
export type UsersListKey = (typeof USERS_LIST_KEYS)[number];

/** Something with `get`, such as `URLSearchParams` or Next's `ReadonlyURLSearchParams`. */
interface ParamSource {
  get(name: string): string | null;
}

/** Which values each list filter takes (null: any text up to the role limit). */
const LIST_VALUES: Record<UsersListKey, readonly string[] | null> = {
  provider: PROVIDER_IDS,
  role: null,
  status: MEMBER_STATUSES,
  kind: MEMBER_KINDS,
  workspace: null,
  via: GRANT_VIAS,
};

/** How long a free-text list item may be (the API's limits). */
const ITEM_LIMIT: Partial<Record<UsersListKey, number>> = { workspace: L.workspace };

function orderOf(key: UsersListKey, value: string): number {
  return key === "provider" ? (PROVIDER_IDS as readonly string[]).indexOf(value) : 0;
}

function parseList<K extends UsersListKey>(key: K, raw: string | null): UsersQuery[K] {
  if (!raw) return undefined;
  const allowed = LIST_VALUES[key];
  // Keep the valid items and drop the rest, one by one, so one bad value does not cost the others.
  const items = [
    ...new Set(
      raw
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ]
    .filter((item) => (allowed ? allowed.includes(item) : item.length <= (ITEM_LIMIT[key] ?? L.role)))
    .sort((a, b) => orderOf(key, a) - orderOf(key, b) || a.localeCompare(b));
  return (items.length > 0 ? items : undefined) as UsersQuery[K];
}

function oneOf<T extends string>(values: readonly T[], raw: string | null, fallback: T): T {
  return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : fallback;
}

function whole(raw: string | null, max: number, fallback: number): number {
  const n = raw === null || raw.trim() === "" ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

function optionalWhole(raw: string | null, max: number): number | undefined {
  const n = whole(raw, max, 0);
  return n === 0 ? undefined : n;
}

/**
 * Reads the users query from URL search params by the API's rules (the limits in
 * lib/directory/constants.ts); every value that does not pass falls back to its default
 * instead of failing the page. The server validates again (zod) whatever it is sent.
 */
export function parseUsersQuery(params: ParamSource): UsersQuery {
  const q = (params.get("q") ?? "").trim();
  return {
    // Longer than the API takes: cut to the limit (the search box says so), never dropped, which would show everyone.
    q: q.slice(0, L.q).trim(),
    provider: parseList("provider", params.get("provider")),
    role: parseList("role", params.get("role")),
    status: parseList("status", params.get("status")),
    kind: parseList("kind", params.get("kind")),
    workspace: parseList("workspace", params.get("workspace")),
    via: parseList("via", params.get("via")),
    inactiveDays: optionalWhole(params.get("inactiveDays"), L.inactiveDays),
    sort: oneOf(SORT_FIELDS, params.get("sort"), DEFAULT_USERS_QUERY.sort),
    order: oneOf(SORT_ORDERS, params.get("order"), DEFAULT_USERS_QUERY.order),
    page: whole(params.get("page"), L.page, DEFAULT_USERS_QUERY.page),
    pageSize: whole(params.get("pageSize"), L.pageSize, DEFAULT_USERS_QUERY.pageSize),
  };
}

/** The query as search params, leaving out defaults so URLs stay short. */
export function usersQueryToSearchParams(query: UsersQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  for (const key of USERS_LIST_KEYS) {
    const list = query[key];
    if (list && list.length > 0) params.set(key, list.join(","));
  }
  if (query.inactiveDays !== undefined) params.set("inactiveDays", String(query.inactiveDays));
  for (const key of ["sort", "order", "page", "pageSize"] as const) {
    if (query[key] !== DEFAULT_USERS_QUERY[key]) params.set(key, String(query[key]));
  }
  return params;
}

/** Where "Export" points: the same search, filters and sort, every page (`GET /api/users/export`). */
export function usersExportHref(query: UsersQuery): string {
  const params = usersQueryToSearchParams(query);
  params.delete("page");
  params.delete("pageSize");
  const search = params.toString();
  return `/api/users/export${search ? `?${search}` : ""}`;
}

export function hasUsersFilters(query: UsersQuery): boolean {
  return Boolean(query.q) || query.inactiveDays !== undefined || USERS_LIST_KEYS.some((key) => (query[key]?.length ?? 0) > 0);
}

export function fetchUsers(query: UsersQuery, signal?: AbortSignal): Promise<UsersResponse> {
  const search = usersQueryToSearchParams(query).toString();
  return apiFetch<UsersResponse>(`/api/users${search ? `?${search}` : ""}`, { signal });
}

export function usersQueryOptions(query: UsersQuery) {
  return queryOptions({
    queryKey: usersKeys.list(query),
    queryFn: ({ signal }) => fetchUsers(query, signal),
    placeholderData: keepPreviousData,
    // While a healthy provider syncs, look again shortly: its rows appear as soon as it is
    // read, and its progress bar moves. A failing provider is retried by the operator
    // ("Retry"), not polled.
    refetchInterval: (q) => (q.state.data?.providers.some((p) => p.syncing && p.ok) ? 750 : false),
  });
}
