import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/fetcher";
import type { UsersResponse } from "@/lib/directory/types";
import type {
  InviteRequestDetail,
  InviteRequestResponse,
  InviteRequestsResponse,
  InviteRequestStatus,
  PendingInvitesResponse,
  SkipReason,
} from "@/lib/invites/types";
import type { ProviderId } from "@/lib/providers/types";
import { BULK_CONCURRENCY, settleBounded } from "./bulk";
import { invitesKeys } from "./keys";

/** The approval queue's filters: one status (all when absent), and whether only mine. */
export interface InviteRequestFilters {
  status?: InviteRequestStatus;
  mine: boolean;
}

export function fetchInviteRequests(filters: InviteRequestFilters, signal?: AbortSignal): Promise<InviteRequestsResponse> {
  const params = new URLSearchParams({ pageSize: "100" });
  if (filters.status) params.set("status", filters.status);
  if (filters.mine) params.set("mine", "true");
  return apiFetch<InviteRequestsResponse>(`/api/invite-requests?${params.toString()}`, { signal });
}

/** An approved request whose invites the background job has not all sent yet. */
export function isSending(request: Pick<InviteRequestDetail, "status" | "counts">): boolean {
  return request.status === "approved" && request.counts.queued + request.counts.sending > 0;
}

export function inviteRequestsQueryOptions(filters: InviteRequestFilters) {
  return queryOptions({
    queryKey: invitesKeys.requestList(filters),
    queryFn: ({ signal }) => fetchInviteRequests(filters, signal),
    placeholderData: keepPreviousData,
    // Invites being sent in the background: follow them closely; another operator may decide a pending request: look now and then.
    refetchInterval: (q) => {
      const requests = q.state.data?.requests ?? [];
      if (requests.some(isSending)) return 2_000;
      return requests.some((r) => r.status === "pending") ? 15_000 : false;
    },
  });
}

export async function fetchInviteRequest(id: string, signal?: AbortSignal): Promise<InviteRequestDetail> {
  const body = await apiFetch<InviteRequestResponse>(`/api/invite-requests/${encodeURIComponent(id)}`, { signal });
  return body.request;
}

/** One request with its items (results per email and provider). */
export function inviteRequestQueryOptions(id: string) {
  return queryOptions({
    queryKey: invitesKeys.request(id),
    queryFn: ({ signal }) => fetchInviteRequest(id, signal),
    // While items are queued or being sent (by a job, after approval), look again shortly.
    refetchInterval: (q) => (q.state.data && isSending(q.state.data) ? 2_000 : false),
  });
}

export function fetchPendingInvites(signal?: AbortSignal): Promise<PendingInvitesResponse> {
  return apiFetch<PendingInvitesResponse>("/api/invites", { signal });
}

export function pendingInvitesQueryOptions() {
  return queryOptions({ queryKey: invitesKeys.pending(), queryFn: ({ signal }) => fetchPendingInvites(signal) });
}

/** Per email, the providers where it is already a member or already invited. */
export interface ExistingLookup {
  byEmail: Record<string, Partial<Record<ProviderId, SkipReason>>>;
  /** Emails that could not be checked (their lookup failed): the server still checks them before sending. */
  unchecked: string[];
}

/**
 * What the invite dialog will skip, from what the browser may read: the users directory
 * (one exact-email search per address, a few at a time) and every pending invite.
 */
export async function fetchExisting(emails: readonly string[], signal?: AbortSignal): Promise<ExistingLookup> {
  const byEmail: ExistingLookup["byEmail"] = {};
  const unchecked: string[] = [];
  const [pending, ...lookups] = await Promise.allSettled([
    fetchPendingInvites(signal),
    settleBounded(emails, BULK_CONCURRENCY, (email) =>
      apiFetch<UsersResponse>(`/api/users?pageSize=20&q=${encodeURIComponent(email)}`, { signal }),
    ),
  ]);
  const results = lookups[0]?.status === "fulfilled" ? lookups[0].value : [];
  emails.forEach((email, index) => {
    const found: Partial<Record<ProviderId, SkipReason>> = {};
    const result = results[index];
    if (!result || result.status === "rejected") unchecked.push(email);
    else {
      const person = result.value.people.find((p) => p.email?.toLowerCase() === email);
      for (const m of person?.memberships ?? []) found[m.provider] = m.status === "active" ? "already_member" : "already_invited";
    }
    if (pending.status === "fulfilled") {
      for (const invite of pending.value.invites) {
        if (invite.email.toLowerCase() === email && !found[invite.provider]) found[invite.provider] = "already_invited";
      }
    }
    byEmail[email] = found;
  });
  return { byEmail, unchecked };
}

export function existingQueryOptions(emails: readonly string[]) {
  return queryOptions({
    queryKey: invitesKeys.existing(emails),
    queryFn: ({ signal }) => fetchExisting(emails, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
