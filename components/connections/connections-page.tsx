"use client";

import { useQuery } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { connectionsQueryOptions } from "@/lib/queries/connections";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { QueryErrorState } from "@/components/common/query-error-state";
import { useSyncProviders } from "@/components/providers/use-sync-providers";
import { ConnectionCard } from "./connection-card";

function ConnectionCardSkeleton() {
  return (
    <div className="rounded-xl border border-border bg-surface shadow-xs" aria-hidden>
      <div className="flex items-center gap-3 border-b border-border px-5 py-4">
        <Skeleton className="size-2.5 rounded-full" />
        <Skeleton className="h-4 w-28" />
        <Skeleton className="h-5 w-16" />
        <Skeleton className="ml-auto h-8 w-24" />
      </div>
      <div className="space-y-4 px-5 py-5">
        {[0, 1, 2, 3, 4].map((index) => (
          <div key={index} className="grid grid-cols-[8.5rem_1fr] gap-3">
            <Skeleton className="h-3.5 w-24" />
            <Skeleton className="h-3.5 w-40" />
          </div>
        ))}
      </div>
    </div>
  );
}

export function ConnectionsPage() {
  const connections = useQuery(connectionsQueryOptions());
  const syncAll = useSyncProviders();
  const list = connections.data?.connections;

  return (
    <div className="mx-auto w-full max-w-[1440px] space-y-5 px-4 py-6 sm:px-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-[13px] text-muted-foreground">
          How Roster reaches each provider: live API or local sandbox, who it signs in as, and how the last sync went.
        </p>
        <Button
          onClick={() => syncAll.mutate(undefined)}
          disabled={syncAll.isPending || !list}
          aria-busy={syncAll.isPending}
          className="self-start sm:self-auto"
        >
          <RefreshCw aria-hidden className={syncAll.isPending ? "animate-spin" : undefined} />
          Sync all
        </Button>
      </div>

      <div aria-live="polite" aria-busy={connections.isPending}>
        {connections.isPending ? (
          <div className="grid gap-4 xl:grid-cols-3">
            {[0, 1, 2].map((index) => (
              <ConnectionCardSkeleton key={index} />
            ))}
          </div>
        ) : connections.isError && !list ? (
          <QueryErrorState
            title="Could not load connections"
            error={connections.error}
            onRetry={() => void connections.refetch()}
            retrying={connections.isFetching}
          />
        ) : list && list.length > 0 ? (
          <div className="grid gap-4 xl:grid-cols-3">
            {list.map((connection) => (
              <ConnectionCard key={connection.id} connection={connection} />
            ))}
          </div>
        ) : (
          <EmptyState title="No providers" description="Roster has no providers registered." />
        )}
      </div>
    </div>
  );
}
