import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/fetcher";
import { usersQuerySchema, type UsersQuery, type UsersResponse } from "@/lib/directory/types";
import { PROVIDER_IDS } from "@/lib/providers/types";
import { usersKeys } from "./keys";

export const DEFAULT_USERS_QUERY: UsersQuery = usersQuerySchema.parse({});

export const USERS_LIST_KEYS = ["provider", "role", "status", "kind"] as const;
export type UsersListKey = (typeof USERS_LIST_KEYS)[number];

const shape = usersQuerySchema.shape;

/** Something with `get`, such as `URLSearchParams` or Next's `ReadonlyURLSearchParams`. */
interface ParamSource {
  get(name: string): string | null;
}

function orderOf(key: UsersListKey, value: string): number {
  return key === "provider" ? (PROVIDER_IDS as readonly string[]).indexOf(value) : 0;
}

function parseList<K extends UsersListKey>(key: K, raw: string | null): UsersQuery[K] {
  if (!raw) return undefined;
  // Keep the valid items and drop the rest, one by one, so one bad value does not cost the others.
  const items = [...new Set(raw.split(",").map((item) => item.trim()).filter(Boolean))]
    .filter((item) => shape[key].safeParse(item).success)
    .sort((a, b) => orderOf(key, a) - orderOf(key, b) || a.localeCompare(b));
  if (items.length === 0) return undefined;
  const parsed = shape[key].safeParse(items.join(","));
  return (parsed.success ? parsed.data : undefined) as UsersQuery[K];
}

function parseScalar<K extends "q" | "sort" | "order" | "page" | "pageSize">(key: K, raw: string | null): UsersQuery[K] {
  const parsed = shape[key].safeParse(raw ?? undefined);
  return (parsed.success ? parsed.data : DEFAULT_USERS_QUERY[key]) as UsersQuery[K];
}

/**
 * Reads the users query from URL search params with the API's own rules; every value that
 * does not pass falls back to its default instead of failing the page.
 */
export function parseUsersQuery(params: ParamSource): UsersQuery {
  return {
    q: parseScalar("q", params.get("q")),
    provider: parseList("provider", params.get("provider")),
    role: parseList("role", params.get("role")),
    status: parseList("status", params.get("status")),
    kind: parseList("kind", params.get("kind")),
    sort: parseScalar("sort", params.get("sort")),
    order: parseScalar("order", params.get("order")),
    page: parseScalar("page", params.get("page")),
    pageSize: parseScalar("pageSize", params.get("pageSize")),
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
  for (const key of ["sort", "order", "page", "pageSize"] as const) {
    if (query[key] !== DEFAULT_USERS_QUERY[key]) params.set(key, String(query[key]));
  }
  return params;
}

export function hasUsersFilters(query: UsersQuery): boolean {
  return Boolean(query.q) || USERS_LIST_KEYS.some((key) => (query[key]?.length ?? 0) > 0);
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
