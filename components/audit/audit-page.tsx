"use client";

import { useQuery } from "@tanstack/react-query";
import { ExternalLink, ScrollText, SearchX } from "lucide-react";
import Link from "next/link";
import { useCallback } from "react";
import { auditQueryOptions } from "@/lib/queries/audit";
import { hasAuditFilters, type AuditFilters } from "@/lib/queries/audit-filters";
import { CopyButton } from "@/components/common/copy-button";
import { QueryErrorState } from "@/components/common/query-error-state";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable } from "@/components/data-table/data-table";
import { DataTablePagination } from "@/components/data-table/data-table-pagination";
import { AuditToolbar } from "./audit-toolbar";
import { useAuditFilters } from "./use-audit-filters";
import { useAuditTable } from "./use-audit-table";

function AuditEmptyState({ filtered, onReset }: { filtered: boolean; onReset: () => void }) {
  return filtered ? (
    <EmptyState
      icon={<SearchX aria-hidden />}
      title="No events match"
      description="No recorded change matches these filters. Try a wider date range or fewer filters."
      action={<Button onClick={onReset}>Clear filters</Button>}
    />
  ) : (
    <EmptyState
      icon={<ScrollText aria-hidden />}
      title="No changes recorded yet"
      description="Every change attempted through Roster (role changes, removals, revoked invites) appears here, whether it went through or not."
    />
  );
}

/** The chain's newest row and hash: compare it with the copy on the log stream (or one kept elsewhere). */
function ChainHead({ head }: { head: { id: number; hash: string } }) {
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground" data-testid="audit-head">
      <span>Chain head: row {head.id}</span>
      <code className="break-all rounded bg-muted px-1.5 py-0.5 font-mono text-[11px] text-foreground">{head.hash}</code>
      <CopyButton value={head.hash} label="Copy the chain head" />
    </p>
  );
}

/** Every change attempted through Roster, newest first, filterable and exportable. */
export function AuditPage() {
  const { filters, setFilters, resetFilters } = useAuditFilters();
  const audit = useQuery(auditQueryOptions(filters));
  const table = useAuditTable({ filters, data: audit.data, setFilters });
  const onChange = useCallback((patch: Partial<AuditFilters>) => setFilters(patch, { resetPage: true }), [setFilters]);

  return (
    <div className="mx-auto w-full max-w-[1440px] space-y-4 px-4 py-6 sm:px-6">
      <p className="sr-only" role="status" aria-live="polite">
        {audit.isPending || audit.isPlaceholderData ? "Loading events…" : ""}
      </p>
      <Link
        href="/audit/outside"
        className="inline-flex items-center gap-1.5 rounded-md text-[13px] font-medium text-muted-foreground underline-offset-2 hover:text-foreground hover:underline"
      >
        <ExternalLink aria-hidden className="size-4" />
        Changed outside Roster
      </Link>
      <AuditToolbar table={table} filters={filters} onChange={onChange} onReset={resetFilters} />
      {audit.isError && !audit.data ? (
        <QueryErrorState
          title="Could not load the audit log"
          error={audit.error}
          onRetry={() => void audit.refetch()}
          retrying={audit.isFetching}
        />
      ) : (
        <>
          <DataTable
            table={table}
            label="Audit log"
            loading={audit.isPending}
            stale={audit.isPlaceholderData}
            skeletonRows={8}
            empty={<AuditEmptyState filtered={hasAuditFilters(filters)} onReset={resetFilters} />}
          />
          {audit.data && audit.data.total > 0 ? <DataTablePagination table={table} /> : null}
          {audit.data?.head ? <ChainHead head={audit.data.head} /> : null}
        </>
      )}
    </div>
  );
}
