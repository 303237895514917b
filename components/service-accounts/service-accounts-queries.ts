import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { apiFetch } from "@/lib/api/fetcher";
import { type ChangeMutationOptions, useChangeMutation } from "@/lib/queries/change-mutation";
import { auditKeys, invitesKeys } from "@/lib/queries/keys";
import type { ApprovalRequiredResponse } from "@/lib/invites/types";
import type {
  ArthurAccountResponse,
  CreateArthurUserInput,
  ServiceAccountCredentialsResponse,
  ServiceAccountsResponse,
  UpdateArthurUserInput,
} from "@/lib/service-accounts/types";

/** Arthur service accounts: query keys, query options and mutation hooks. */

export const serviceAccountsKeys = {
  all: ["service-accounts"] as const,
  list: () => [...serviceAccountsKeys.all, "list"] as const,
};

export function serviceAccountsQueryOptions() {
  return queryOptions({
    queryKey: serviceAccountsKeys.list(),
    queryFn: ({ signal }) => apiFetch<ServiceAccountsResponse>("/api/service-accounts", { signal }),
  });
}

const accountPath = (id: string) => `/api/service-accounts/${encodeURIComponent(id)}`;

export type CredentialsRequest = { kind: "create"; name: string; role: string } | { kind: "regenerate"; id: string };

/**
 * Creating a service account or regenerating its secret: the answer carries the secret,
 * so the mutation is dropped from React Query's cache as soon as nothing observes it
 * (`gcTime: 0`) and the caller holds the secret only while its dialog is open.
 */
export function useIssueCredentials(
  options: ChangeMutationOptions<ServiceAccountCredentialsResponse | ApprovalRequiredResponse, CredentialsRequest>,
) {
  const queryClient = useQueryClient();
  return useMutation<ServiceAccountCredentialsResponse | ApprovalRequiredResponse, Error, CredentialsRequest>({
    gcTime: 0,
    mutationFn: (request) =>
      request.kind === "create"
        ? apiFetch("/api/service-accounts", { method: "POST", json: { name: request.name, role: request.role } })
        : apiFetch(`${accountPath(request.id)}/credentials`, { method: "POST" }),
    onSuccess: async (data, variables) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: serviceAccountsKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
        queryClient.invalidateQueries({ queryKey: invitesKeys.all }),
      ]);
      await options.onSuccess?.(data, variables);
    },
    onError: async (error, variables) => {
      void queryClient.invalidateQueries({ queryKey: auditKeys.all });
      if (options.onError) await options.onError(error, variables);
      else
        toast.error(variables.kind === "create" ? "Could not create the service account" : "Could not regenerate the secret", {
          description: error.message,
        });
    },
  });
}

/** Invalidates the service-account list too, then the caller's `onSuccess`. */
function withAccounts<TData, TVariables>(
  queryClient: ReturnType<typeof useQueryClient>,
  options: ChangeMutationOptions<TData, TVariables>,
): ChangeMutationOptions<TData, TVariables> {
  return {
    ...options,
    onSuccess: async (data, variables) => {
      await queryClient.invalidateQueries({ queryKey: serviceAccountsKeys.all });
      await options.onSuccess?.(data, variables);
    },
  };
}

export function useRenameServiceAccount(options: ChangeMutationOptions<ArthurAccountResponse, { id: string; name: string }> = {}) {
  const queryClient = useQueryClient();
  return useChangeMutation(
    {
      mutationFn: ({ id, name }) => apiFetch<ArthurAccountResponse>(accountPath(id), { method: "PATCH", json: { name } }),
      errorTitle: () => "Could not rename the service account",
    },
    withAccounts(queryClient, options),
  );
}

export function useCreateArthurUser(
  options: ChangeMutationOptions<ArthurAccountResponse | ApprovalRequiredResponse, CreateArthurUserInput> = {},
) {
  return useChangeMutation(
    {
      mutationFn: (input) =>
        apiFetch<ArthurAccountResponse | ApprovalRequiredResponse>("/api/arthur/users", { method: "POST", json: input }),
      errorTitle: (input) => `Could not create ${input.email} on Arthur`,
    },
    options,
  );
}

export function useUpdateArthurUser(options: ChangeMutationOptions<ArthurAccountResponse, UpdateArthurUserInput & { id: string }> = {}) {
  return useChangeMutation(
    {
      mutationFn: ({ id, ...input }) =>
        apiFetch<ArthurAccountResponse>(`/api/arthur/users/${encodeURIComponent(id)}`, { method: "PATCH", json: input }),
      errorTitle: () => "Could not change the name on Arthur",
    },
    options,
  );
}

export function useAcceptArthurInvites(options: ChangeMutationOptions<{ ok: true; auditId: number }, void> = {}) {
  return useChangeMutation(
    {
      mutationFn: () => apiFetch<{ ok: true; auditId: number }>("/api/arthur/accept-invites", { method: "POST" }),
      errorTitle: () => "Could not accept Arthur invitations",
    },
    options,
  );
}
