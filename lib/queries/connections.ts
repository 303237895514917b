import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/fetcher";
import type { ConnectionsResponse, ProviderState } from "@/lib/directory/types";
import type { ProviderId } from "@/lib/providers/types";
import { connectionsKeys } from "./keys";

export function fetchConnections(signal?: AbortSignal): Promise<ConnectionsResponse> {
  return apiFetch<ConnectionsResponse>("/api/connections", { signal });
}

export function connectionsQueryOptions() {
  return queryOptions({
    queryKey: connectionsKeys.list(),
    queryFn: ({ signal }) => fetchConnections(signal),
  });
}

export interface SyncResponse {
  providers: ProviderState[];
}

/** Forces a fresh read of one provider, or of all of them when none is given. */
export function syncProviders(provider?: ProviderId): Promise<SyncResponse> {
  return apiFetch<SyncResponse>("/api/sync", { method: "POST", json: provider ? { provider } : {} });
}
