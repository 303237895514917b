import { queryOptions, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/fetcher";
import { type ChangeMutationOptions, useChangeMutation } from "@/lib/queries/change-mutation";
import type { CreatedTokenResponse, RevokedTokenResponse, TokensResponse } from "@/lib/tokens/types";
import type { ProviderId } from "@/lib/providers/types";
import type { RosterRole } from "@/lib/auth/roles";

/** API tokens: query keys, query options and mutation hooks (owners only). */

export const tokensKeys = {
  all: ["api-tokens"] as const,
  list: () => [...tokensKeys.all, "list"] as const,
};

export function tokensQueryOptions() {
  return queryOptions({
    queryKey: tokensKeys.list(),
    queryFn: ({ signal }) => apiFetch<TokensResponse>("/api/tokens", { signal }),
  });
}

export interface CreateTokenVariables {
  name: string;
  role: RosterRole;
  providers?: ProviderId[];
  expiresAt: string;
}

function useTokenChange<TData, TVariables>(
  mutationFn: (variables: TVariables) => Promise<TData>,
  errorTitle: string,
  options: ChangeMutationOptions<TData, TVariables>,
) {
  const queryClient = useQueryClient();
  return useChangeMutation(
    { mutationFn, errorTitle: () => errorTitle },
    {
      ...options,
      onSuccess: async (data, variables) => {
        await queryClient.invalidateQueries({ queryKey: tokensKeys.all });
        await options.onSuccess?.(data, variables);
      },
    },
  );
}

export function useCreateToken(options: ChangeMutationOptions<CreatedTokenResponse, CreateTokenVariables> = {}) {
  return useTokenChange(
    (input: CreateTokenVariables) => apiFetch<CreatedTokenResponse>("/api/tokens", { method: "POST", json: input }),
    "Could not create the token",
    options,
  );
}

export function useRevokeToken(options: ChangeMutationOptions<RevokedTokenResponse, { id: string }> = {}) {
  return useTokenChange(
    ({ id }: { id: string }) => apiFetch<RevokedTokenResponse>(`/api/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    "Could not revoke the token",
    options,
  );
}
