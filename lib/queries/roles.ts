import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/fetcher";
import type { RolesResponse } from "@/lib/changes/types";
import type { ProviderId } from "@/lib/providers/types";
import { rolesKeys } from "./keys";

export type ProviderRoles = RolesResponse["providers"][number];
export type ProviderRole = ProviderRoles["roles"][number];

export function fetchRoles(signal?: AbortSignal): Promise<RolesResponse> {
  return apiFetch<RolesResponse>("/api/roles", { signal });
}

export function rolesQueryOptions() {
  return queryOptions({
    queryKey: rolesKeys.list(),
    queryFn: ({ signal }) => fetchRoles(signal),
    // Roles are configuration: they rarely change while a page is open.
    staleTime: 5 * 60_000,
  });
}

export function rolesOf(data: RolesResponse | undefined, provider: ProviderId): ProviderRoles | undefined {
  return data?.providers.find((entry) => entry.id === provider);
}

/** The role a membership holds, matched by id or by name (Arthur shows names, takes ids). */
export function findRole(roles: readonly ProviderRole[], value: string): ProviderRole | undefined {
  return roles.find((role) => role.id === value) ?? roles.find((role) => role.name === value);
}
