import { normaliseEmail } from "@/lib/email";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/fetcher";
import type { OutsideChangesResponse, PersonTimelineResponse } from "@/lib/governance/outside-types";
import type { ProviderId } from "@/lib/providers/types";
import { peopleKeys } from "./keys";

/** Changes made outside Roster, and a person's timeline (Roster's entries merged with them). */
export const outsideKeys = {
  all: ["outside-changes"] as const,
  list: (filters: OutsideListFilters) => [...outsideKeys.all, "list", filters] as const,
  recent: () => [...outsideKeys.all, "recent"] as const,
  /** Under the person's own key, so whatever refreshes the person after a change refreshes this too. */
  timeline: (email: string) => [...peopleKeys.detail(email), "timeline"] as const,
};

export interface OutsideListFilters {
  provider?: ProviderId;
  page: number;
}

export const OUTSIDE_PAGE_SIZE = 25;

export function outsideListQueryOptions(filters: OutsideListFilters) {
  const params = new URLSearchParams({ page: String(filters.page), pageSize: String(OUTSIDE_PAGE_SIZE) });
  if (filters.provider) params.set("provider", filters.provider);
  return queryOptions({
    queryKey: outsideKeys.list(filters),
    queryFn: ({ signal }) => apiFetch<OutsideChangesResponse>(`/api/outside-changes?${params}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Who had an outside change lately (the users table's badge): one small read. */
export function recentOutsideQueryOptions() {
  return queryOptions({
    queryKey: outsideKeys.recent(),
    queryFn: ({ signal }) => apiFetch<OutsideChangesResponse>("/api/outside-changes?pageSize=1", { signal }),
    select: (data) => ({ emails: new Set(data.recent.emails), members: new Set(data.recent.members) }),
    staleTime: 60_000,
  });
}

export function timelineQueryOptions(email: string) {
  return queryOptions({
    queryKey: outsideKeys.timeline(email),
    queryFn: ({ signal }) =>
      apiFetch<PersonTimelineResponse>(`/api/people/${encodeURIComponent(normaliseEmail(email))}/timeline`, { signal }),
  });
}
