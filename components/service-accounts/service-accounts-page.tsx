"use client";

import { useQuery } from "@tanstack/react-query";
import { Bot, Plus, Search } from "lucide-react";
import { useCallback, useDeferredValue, useState } from "react";
import { plural } from "@/components/common/format";
import { QueryErrorState } from "@/components/common/query-error-state";
import { ModeBadge } from "@/components/providers/mode-badge";
import { ProviderDot } from "@/components/providers/provider-dot";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { CreateArthurUserButton } from "./arthur-user-dialogs";
import { type ServiceAccountDialog, ServiceAccountDialogs } from "./service-account-dialogs";
import { serviceAccountsQueryOptions } from "./service-accounts-queries";
import { ServiceAccountsTable } from "./service-accounts-table";

/** Arthur service accounts: list, create (secret shown once), rename, regenerate the secret. Admin-only. */
export function ServiceAccountsPage() {
  const query = useQuery(serviceAccountsQueryOptions());
  const [dialog, setDialog] = useState<ServiceAccountDialog>(null);
  const [search, setSearch] = useState("");
  const term = useDeferredValue(search.trim().toLowerCase());
  const open = useCallback((next: ServiceAccountDialog) => setDialog(next), []);
  const all = query.data?.accounts;
  const accounts = term ? all?.filter((a) => a.name.toLowerCase().includes(term) || a.id.toLowerCase().includes(term)) : all;

  return (
    <div className="mx-auto w-full max-w-[1440px] space-y-4 px-4 py-6 sm:px-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="flex items-center gap-2 text-[13px] text-muted-foreground">
          <ProviderDot provider="arthur" />
          <span>Non-human accounts on Arthur. Each has a client ID and secret; Roster shows a secret once and never stores it.</span>
          {query.data ? <ModeBadge mode={query.data.mode} /> : null}
        </div>
        <div className="flex gap-2 self-start sm:self-auto">
          <CreateArthurUserButton />
          <Button variant="primary" onClick={() => setDialog({ kind: "create" })}>
            <Plus aria-hidden />
            New service account
          </Button>
        </div>
      </div>

      {query.isError && !all ? (
        <QueryErrorState
          title="Could not load Arthur service accounts"
          error={query.error}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      ) : (
        <>
          <div className="flex items-center justify-between gap-3">
            <div className="relative w-full max-w-xs">
              <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
              <Input
                type="search"
                aria-label="Search service accounts"
                placeholder="Search by name or ID"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                className="h-8 pl-8 text-[13px]"
              />
            </div>
            <p aria-live="polite" className="text-xs text-muted-foreground tabular">
              {accounts ? plural(accounts.length, "service account") : null}
            </p>
          </div>
          <ServiceAccountsTable
            accounts={accounts}
            selfId={query.data?.selfId ?? null}
            loading={query.isPending}
            stale={query.isFetching && !query.isPending}
            onOpen={open}
            empty={
              term ? (
                <EmptyState
                  icon={<Search aria-hidden />}
                  title="No matches"
                  description={`No service account matches “${search.trim()}”.`}
                />
              ) : (
                <EmptyState
                  icon={<Bot aria-hidden />}
                  title="No service accounts yet"
                  description="Create one for a script or integration that calls Arthur."
                  action={
                    <Button variant="primary" onClick={() => setDialog({ kind: "create" })}>
                      <Plus aria-hidden />
                      New service account
                    </Button>
                  }
                />
              )
            }
          />
        </>
      )}
      <ServiceAccountDialogs dialog={dialog} onClose={() => setDialog(null)} />
    </div>
  );
}
