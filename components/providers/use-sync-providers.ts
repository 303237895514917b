"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { connectionsKeys, usersKeys } from "@/lib/queries/keys";
import { syncProviders } from "@/lib/queries/connections";
import type { ProviderId } from "@/lib/providers/types";
import { providerLabel } from "./provider-meta";
import { httpStatusSuffix } from "@/components/common/format";

/**
 * POST /api/sync for one provider (or all), then waits for the users and connections
 * queries to refetch before it reports success, so the button stays busy until the
 * fresh data is on screen.
 */
export function useSyncProviders() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (provider: ProviderId | undefined) => syncProviders(provider),
    // The sync answers when it is done; look at the users list meanwhile, so the progress
    // bars show (the list keeps polling while anything syncs).
    onMutate: () => {
      setTimeout(() => void queryClient.invalidateQueries({ queryKey: usersKeys.all }), 400);
    },
    onSuccess: async (result, provider) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: usersKeys.all }),
        queryClient.invalidateQueries({ queryKey: connectionsKeys.all }),
      ]);
      const failed = result.providers.filter((state) => !state.ok && (!provider || state.id === provider));
      for (const state of failed) {
        const status = httpStatusSuffix(state.error?.status);
        toast.error(`${providerLabel(state.id)} did not sync`, {
          description: `${state.error?.message ?? "Unknown error"}${status}`,
        });
      }
      if (failed.length === 0) {
        toast.success(provider ? `${providerLabel(provider)} is up to date` : "All providers are up to date");
      }
    },
    onError: (error, provider) => {
      toast.error(provider ? `Could not sync ${providerLabel(provider)}` : "Could not refresh", {
        description: error.message,
      });
    },
  });
}
