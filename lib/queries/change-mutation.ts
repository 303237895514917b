import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { auditKeys, peopleKeys, usersKeys } from "./keys";

/**
 * What a change touched, for every member change: the users list, the person (any
 * person: one change can move a row between people) and the audit log. The server
 * patches its snapshot in place, so the refetch shows the change at once.
 */
export function invalidateAfterChange(queryClient: QueryClient): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: usersKeys.all }),
    queryClient.invalidateQueries({ queryKey: peopleKeys.all }),
    queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  ]).then(() => undefined);
}

/** What a caller of a change hook may pass. */
export interface ChangeMutationOptions<TData, TVariables> {
  /** Runs after the changed queries were invalidated and refetched. */
  onSuccess?: (data: TData, variables: TVariables) => unknown;
  /** Handle the failure yourself; without it, a toast shows the server's message. */
  onError?: (error: Error, variables: TVariables) => unknown;
}

interface ChangeMutationConfig<TData, TVariables, TContext> {
  mutationFn: (variables: TVariables) => Promise<TData>;
  /** Title of the default error toast. */
  errorTitle: (variables: TVariables) => string;
  /** Optimistic update; what it returns is handed to `rollback` on failure. */
  onMutate?: (variables: TVariables, queryClient: QueryClient) => Promise<TContext>;
  rollback?: (context: TContext, queryClient: QueryClient) => void;
}

/**
 * The one shape of every member-change hook: optionally update the cache first (rolled
 * back on failure), await invalidation of what changed, then call the caller's
 * `onSuccess`; on failure, the caller's `onError` or a toast with the server's message.
 */
export function useChangeMutation<TData, TVariables, TContext = undefined>(
  config: ChangeMutationConfig<TData, TVariables, TContext>,
  options: ChangeMutationOptions<TData, TVariables> = {},
) {
  const queryClient = useQueryClient();
  const { onSuccess, onError } = options;
  return useMutation<TData, Error, TVariables, TContext | undefined>({
    mutationFn: config.mutationFn,
    onMutate: config.onMutate ? (variables) => config.onMutate?.(variables, queryClient) : undefined,
    onSuccess: async (data, variables) => {
      await invalidateAfterChange(queryClient);
      await onSuccess?.(data, variables);
    },
    onError: async (error, variables, context) => {
      if (context !== undefined) config.rollback?.(context, queryClient);
      // A refused change may still have been written to the audit log.
      void queryClient.invalidateQueries({ queryKey: auditKeys.all });
      if (onError) await onError(error, variables);
      else toast.error(config.errorTitle(variables), { description: error.message });
    },
  });
}
