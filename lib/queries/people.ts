import { normaliseEmail } from "@/lib/email";
import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/fetcher";
import type { OffboardResponse, PersonDetailResponse } from "@/lib/changes/types";
import type { ProviderId } from "@/lib/providers/types";
import { useChangeMutation, type ChangeMutationOptions } from "./change-mutation";
import { peopleKeys } from "./keys";

function personPath(email: string): string {
  return `/api/people/${encodeURIComponent(normaliseEmail(email))}`;
}

/** The person page's address for an email. */
export function personHref(email: string): string {
  return `/people/${encodeURIComponent(normaliseEmail(email))}`;
}

export function fetchPerson(email: string, signal?: AbortSignal): Promise<PersonDetailResponse> {
  return apiFetch<PersonDetailResponse>(personPath(email), { signal });
}

export function personQueryOptions(email: string) {
  return queryOptions({
    queryKey: peopleKeys.detail(email),
    queryFn: ({ signal }) => fetchPerson(email, signal),
  });
}

export interface OffboardInput {
  email: string;
  /** Only these providers (retrying the steps that failed); all of the person's when absent. */
  providers?: ProviderId[];
  confirmSelf?: boolean;
}

export function offboardPerson({ email, providers, confirmSelf }: OffboardInput): Promise<OffboardResponse> {
  return apiFetch<OffboardResponse>(`${personPath(email)}/offboard`, { method: "POST", json: { providers, confirmSelf } });
}

/** "Remove everywhere". Answers 200 even when some steps failed: read each step's `ok`. */
export function useOffboard(options?: ChangeMutationOptions<OffboardResponse, OffboardInput>) {
  return useChangeMutation({ mutationFn: offboardPerson, errorTitle: () => "Could not remove everywhere" }, options);
}
