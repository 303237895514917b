"use client";

import { useQuery } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { useCallback, useEffect } from "react";
import { isApiFailure } from "@/lib/api/fetcher";
import { hasUsersFilters, usersQueryOptions, type UsersListKey } from "@/lib/queries/users";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { QueryErrorState } from "@/components/common/query-error-state";
import { DataTable } from "@/components/data-table/data-table";
import { DataTablePagination } from "@/components/data-table/data-table-pagination";
import { ProviderStatusStrip } from "@/components/providers/provider-status-strip";
import { useSyncProviders } from "@/components/providers/use-sync-providers";
import { MemberDialogsProvider } from "@/components/members/member-dialogs-provider";
import { useHydrated } from "@/components/common/use-hydrated";
import { ProviderAlerts } from "./provider-alerts";
import { useUsersQueryState } from "./use-users-query-state";
import { useUsersTable } from "./use-users-table";
import { UsersBulkActions } from "./users-bulk-actions";
import { UsersEmptyState } from "./users-empty-state";
import { UsersToolbar } from "./users-toolbar";

export function UsersPage() {
  const { query, setQuery, resetFilters } = useUsersQueryState();
  const users = useQuery(usersQueryOptions(query));
  const data = users.data;
  const { table, selectedCount, selectedPeople, clearSelection } = useUsersTable({ query, data, setQuery });
  const refresh = useSyncProviders();
  const hydrated = useHydrated();

  // The server clamps the page to the last one; follow it so the URL never points past the end.
  const servedPage = users.isPlaceholderData ? undefined : data?.page;
  useEffect(() => {
    if (servedPage !== undefined && servedPage !== query.page) setQuery({ page: servedPage });
  }, [servedPage, query.page, setQuery]);

  const onSearch = useCallback(
    (q: string) => {
      clearSelection();
      setQuery({ q }, { resetPage: true });
    },
    [clearSelection, setQuery],
  );
  const onFilter = useCallback(
    (key: UsersListKey, values: string[]) => {
      clearSelection();
      setQuery({ [key]: values.length > 0 ? values : undefined }, { resetPage: true });
    },
    [clearSelection, setQuery],
  );
  const onInactive = useCallback(
    (inactiveDays: number | undefined) => {
      clearSelection();
      setQuery({ inactiveDays }, { resetPage: true });
    },
    [clearSelection, setQuery],
  );
  const onReset = useCallback(() => {
    clearSelection();
    resetFilters();
  }, [clearSelection, resetFilters]);

  const failedWithoutData = users.isError && !data;

  // The rows come rendered from the server; the controls wait for the script (a disabled
  // fieldset disables every button and field inside it until then).
  return (
    <MemberDialogsProvider onBulkFinished={clearSelection}>
      <fieldset
        disabled={!hydrated}
        aria-busy={!hydrated}
        className="mx-auto w-full max-w-[1440px] min-w-0 space-y-4 border-0 px-4 py-6 sm:px-6"
      >
        <p className="sr-only" role="status" aria-live="polite">
          {users.isPending || users.isPlaceholderData ? "Loading people…" : ""}
        </p>
        {failedWithoutData ? null : <ProviderStatusStrip providers={data?.providers} />}

        {data ? <ProviderAlerts providers={data.providers} /> : null}

        {failedWithoutData ? (
          <QueryErrorState
            title="Could not load people"
            error={users.error}
            onRetry={() => void users.refetch()}
            retrying={users.isFetching}
          />
        ) : (
          <>
            {users.isError && data ? (
              <Callout tone="warning" role="status">
                Could not refresh the list: {users.error.message}
                {isApiFailure(users.error) && users.error.requestId ? ` (request ${users.error.requestId})` : null}. Showing the last
                answer.
              </Callout>
            ) : null}
            <UsersToolbar
              table={table}
              query={query}
              data={data}
              onSearch={onSearch}
              onFilter={onFilter}
              onInactive={onInactive}
              onReset={onReset}
              selectedCount={selectedCount}
              onClearSelection={clearSelection}
              bulkActions={<UsersBulkActions people={selectedPeople} />}
              refresh={
                <Button
                  onClick={() => refresh.mutate(undefined)}
                  disabled={refresh.isPending}
                  aria-busy={refresh.isPending}
                  title="Read every provider again now"
                >
                  <RefreshCw aria-hidden className={refresh.isPending ? "animate-spin" : undefined} />
                  Refresh
                </Button>
              }
            />
            <DataTable
              table={table}
              label="People"
              loading={users.isPending}
              stale={users.isPlaceholderData}
              skeletonRows={Math.min(query.pageSize, 10)}
              empty={
                data ? <UsersEmptyState filtered={hasUsersFilters(query)} providers={data.providers} onClearFilters={onReset} /> : null
              }
            />
            {data && data.total > 0 ? <DataTablePagination table={table} /> : null}
          </>
        )}
      </fieldset>
    </MemberDialogsProvider>
  );
}
