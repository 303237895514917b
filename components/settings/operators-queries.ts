import { queryOptions, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/fetcher";
import type { AddOperatorInput, OperatorResponse, OperatorsResponse, UpdateOperatorInput } from "@/lib/operators/types";
import { type ChangeMutationOptions, useChangeMutation } from "@/lib/queries/change-mutation";

/** Roster operators: query keys, query options and mutation hooks. */

export const operatorsKeys = {
  all: ["operators"] as const,
  list: () => [...operatorsKeys.all, "list"] as const,
};

export function operatorsQueryOptions() {
  return queryOptions({
    queryKey: operatorsKeys.list(),
    queryFn: ({ signal }) => apiFetch<OperatorsResponse>("/api/operators", { signal }),
  });
}

function useOperatorChange<TVariables>(
  mutationFn: (variables: TVariables) => Promise<OperatorResponse>,
  errorTitle: string,
  options: ChangeMutationOptions<OperatorResponse, TVariables>,
) {
  const queryClient = useQueryClient();
  return useChangeMutation(
    { mutationFn, errorTitle: () => errorTitle },
    {
      ...options,
      onSuccess: async (data, variables) => {
        await queryClient.invalidateQueries({ queryKey: operatorsKeys.all });
        await options.onSuccess?.(data, variables);
      },
    },
  );
}

export function useAddOperator(options: ChangeMutationOptions<OperatorResponse, AddOperatorInput> = {}) {
  return useOperatorChange((input) => apiFetch("/api/operators", { method: "POST", json: input }), "Could not add the operator", options);
}

export function useUpdateOperator(options: ChangeMutationOptions<OperatorResponse, UpdateOperatorInput & { id: string }> = {}) {
  return useOperatorChange(
    ({ id, ...input }) => apiFetch(`/api/operators/${encodeURIComponent(id)}`, { method: "PATCH", json: input }),
    "Could not change the operator",
    options,
  );
}
