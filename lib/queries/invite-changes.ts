import { useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/fetcher";
import type { ChangeResult } from "@/lib/changes/types";
import type { CreateInviteRequest, InviteRequestResponse } from "@/lib/invites/types";
import { useChangeMutation, type ChangeMutationOptions } from "./change-mutation";
import { invitesKeys } from "./keys";
import { revokeInvite, type RevokeInviteInput } from "./members";

/*
 * The invite changes: requesting, deciding, retrying and revoking. Apart from the invite
 * reads (./invites) so that a page that only reads (the users page's invite button) does
 * not load them.
 */

function requestPath(id: string, action: string): string {
  return `/api/invite-requests/${encodeURIComponent(id)}/${action}`;
}

export function createInviteRequest(input: CreateInviteRequest): Promise<InviteRequestResponse> {
  return apiFetch<InviteRequestResponse>("/api/invite-requests", { method: "POST", json: input });
}

export interface DecisionInput {
  id: string;
  reason?: string;
}

export function approveInviteRequest({ id, reason }: DecisionInput): Promise<InviteRequestResponse> {
  return apiFetch<InviteRequestResponse>(requestPath(id, "approve"), { method: "POST", json: reason ? { reason } : {} });
}

export function rejectInviteRequest({ id, reason }: DecisionInput): Promise<InviteRequestResponse> {
  return apiFetch<InviteRequestResponse>(requestPath(id, "reject"), { method: "POST", json: { reason } });
}

export function cancelInviteRequest({ id }: DecisionInput): Promise<InviteRequestResponse> {
  return apiFetch<InviteRequestResponse>(requestPath(id, "cancel"), { method: "POST", json: {} });
}

export function retryInviteRequest({ id }: DecisionInput): Promise<InviteRequestResponse> {
  return apiFetch<InviteRequestResponse>(requestPath(id, "retry"), { method: "POST", json: {} });
}

/**
 * An invite change: the member-change hook (users, people and audit invalidated), plus
 * the invite queries; the answered request goes straight into its detail query.
 */
function useInviteChange<TData, TVariables>(
  mutationFn: (variables: TVariables) => Promise<TData>,
  errorTitle: string,
  options: ChangeMutationOptions<TData, TVariables> = {},
) {
  const queryClient = useQueryClient();
  return useChangeMutation<TData, TVariables>(
    { mutationFn, errorTitle: () => errorTitle },
    {
      ...options,
      onSuccess: async (data, variables) => {
        const answered = (data as Partial<InviteRequestResponse>).request;
        if (answered) queryClient.setQueryData(invitesKeys.request(answered.id), answered);
        await queryClient.invalidateQueries({ queryKey: invitesKeys.all });
        await options.onSuccess?.(data, variables);
      },
    },
  );
}

export function useCreateInviteRequest(options?: ChangeMutationOptions<InviteRequestResponse, CreateInviteRequest>) {
  return useInviteChange(createInviteRequest, "Could not request the invites", options);
}

export function useApproveInviteRequest(options?: ChangeMutationOptions<InviteRequestResponse, DecisionInput>) {
  return useInviteChange(approveInviteRequest, "Could not approve the request", options);
}

export function useRejectInviteRequest(options?: ChangeMutationOptions<InviteRequestResponse, DecisionInput>) {
  return useInviteChange(rejectInviteRequest, "Could not reject the request", options);
}

export function useCancelInviteRequest(options?: ChangeMutationOptions<InviteRequestResponse, DecisionInput>) {
  return useInviteChange(cancelInviteRequest, "Could not cancel the request", options);
}

export function useRetryInviteRequest(options?: ChangeMutationOptions<InviteRequestResponse, DecisionInput>) {
  return useInviteChange(retryInviteRequest, "Could not retry the failed invites", options);
}

/** Revokes a pending provider invite (`DELETE /api/invites/{provider}/{inviteId}`). */
export function useRevokePendingInvite(options?: ChangeMutationOptions<ChangeResult, RevokeInviteInput>) {
  return useInviteChange(revokeInvite, "Could not revoke the invite", options);
}
