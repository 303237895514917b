"use client";

import { useQuery } from "@tanstack/react-query";
import { useTable, functionalUpdate, type PaginationState } from "@tanstack/react-table";
import { AlertTriangle, MailOpen, RotateCw } from "lucide-react";
import { useMemo, useState } from "react";
import type { PendingInvite } from "@/lib/invites/types";
import { PROVIDER_IDS, type ProviderId } from "@/lib/providers/types";
import { pendingInvitesQueryOptions } from "@/lib/queries/invites";
import { QueryErrorState } from "@/components/common/query-error-state";
import { formatNumber, plural, httpStatusSuffix } from "@/components/common/format";
import { DataTable } from "@/components/data-table/data-table";
import { DataTablePagination } from "@/components/data-table/data-table-pagination";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { serverTableFeatures } from "@/components/data-table/features";
import { PROVIDER_OPTIONS, providerLabel } from "@/components/providers/provider-meta";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { EmptyState } from "@/components/ui/empty-state";
import { NativeSelect } from "@/components/ui/native-select";
import { pendingInviteColumns } from "./pending-invites-columns";

interface PendingInvitesSectionProps {
  isAdmin: boolean;
  onRevoke: (invite: PendingInvite) => void;
}

const getRowId = (invite: PendingInvite) => `${invite.provider}:${invite.id}`;

/** OpenAI, Astronomer, Arthur (as everywhere in the console); newest first within each. */
function byProviderThenNewest(a: PendingInvite, b: PendingInvite): number {
  return PROVIDER_IDS.indexOf(a.provider) - PROVIDER_IDS.indexOf(b.provider) || (b.createdAt ?? "").localeCompare(a.createdAt ?? "");
}

/** Every pending invite on every provider, with its expiry where the provider gives one, and revoke. */
export function PendingInvitesSection({ isAdmin, onRevoke }: PendingInvitesSectionProps) {
  const pending = useQuery(pendingInvitesQueryOptions());
  const [provider, setProvider] = useState<ProviderId | "">("");
  const [search, setSearch] = useState("");
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: 25 });
  const columns = useMemo(() => pendingInviteColumns(isAdmin, onRevoke), [isAdmin, onRevoke]);

  const filtered = useMemo(() => {
    const q = search.toLowerCase();
    return (pending.data?.invites ?? [])
      .filter((invite) => (!provider || invite.provider === provider) && (!q || invite.email.toLowerCase().includes(q)))
      .sort(byProviderThenNewest);
  }, [pending.data, provider, search]);
  const pageCount = Math.max(1, Math.ceil(filtered.length / pagination.pageSize));
  const pageIndex = Math.min(pagination.pageIndex, pageCount - 1);
  const page = filtered.slice(pageIndex * pagination.pageSize, (pageIndex + 1) * pagination.pageSize);

  const table = useTable({
    features: serverTableFeatures,
    columns,
    data: page,
    getRowId,
    rowCount: filtered.length,
    manualPagination: true,
    manualSorting: true,
    enableSorting: false,
    enableRowSelection: false,
    autoResetPageIndex: false,
    state: { pagination: { ...pagination, pageIndex } },
    onPaginationChange: (updater) => setPagination((old) => functionalUpdate(updater, { ...old, pageIndex })),
  });

  const filteredOut = Boolean(provider || search);
  return (
    <section aria-labelledby="pending-invites-title" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="pending-invites-title" className="text-sm font-semibold">
            Pending invites on providers
          </h2>
          <p className="text-[13px] text-muted-foreground">
            {pending.data
              ? filteredOut
                ? `${plural(filtered.length, "invite")} of ${formatNumber(pending.data.invites.length)} shown${provider ? ` (${providerLabel(provider)})` : ""}`
                : `${plural(pending.data.invites.length, "invite")} waiting to be accepted`
              : "Invites waiting to be accepted"}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <DataTableSearch
            value={search}
            onChange={setSearch}
            label="Search pending invites"
            placeholder="Search by email…"
            maxLength={320}
            className="w-56"
          />
          <NativeSelect aria-label="Provider" value={provider} onChange={(e) => setProvider(e.target.value as ProviderId | "")}>
            <option value="">All providers</option>
            {PROVIDER_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </NativeSelect>
          <Button
            variant="ghost"
            size="icon"
            aria-label="Refresh pending invites"
            onClick={() => void pending.refetch()}
            disabled={pending.isFetching}
          >
            <RotateCw aria-hidden className={pending.isFetching ? "animate-spin" : undefined} />
          </Button>
        </div>
      </div>
      {pending.data?.errors.map((error) => (
        <Callout
          key={error.provider}
          tone="danger"
          role="alert"
          icon={<AlertTriangle aria-hidden />}
          title={`${providerLabel(error.provider)} could not be read`}
        >
          {error.message}
          {httpStatusSuffix(error.status)}
        </Callout>
      ))}
      {pending.isError && !pending.data ? (
        <QueryErrorState
          title="Could not load pending invites"
          error={pending.error}
          onRetry={() => void pending.refetch()}
          retrying={pending.isFetching}
        />
      ) : (
        <>
          <DataTable
            table={table}
            label="Pending invites"
            loading={pending.isPending}
            skeletonRows={5}
            empty={
              <EmptyState
                icon={<MailOpen aria-hidden />}
                title={filteredOut ? "No pending invites match" : "No pending invites"}
                description={filteredOut ? "Try another provider or search." : "Invites that were sent and not yet accepted appear here."}
              />
            }
          />
          {filtered.length > pagination.pageSize ? <DataTablePagination table={table} /> : null}
        </>
      )}
    </section>
  );
}
