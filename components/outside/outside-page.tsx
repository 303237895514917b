"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft, ChevronLeft, ChevronRight, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { OutsideChangeView } from "@/lib/governance/outside-types";
import { PROVIDER_IDS, type ProviderId } from "@/lib/providers/types";
import { OUTSIDE_PAGE_SIZE, outsideListQueryOptions, type OutsideListFilters } from "@/lib/queries/outside";
import { personHref } from "@/lib/queries/people";
import { QueryErrorState } from "@/components/common/query-error-state";
import { RelativeTime } from "@/components/common/relative-time";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { ProviderDot } from "@/components/providers/provider-dot";
import { PROVIDER_OPTIONS, providerLabel } from "@/components/providers/provider-meta";
import { outsideBy, outsideWhat } from "./outside-words";

function parse(params: URLSearchParams): OutsideListFilters {
  const provider = params.get("provider");
  const page = Number(params.get("page"));
  return {
    provider: PROVIDER_IDS.includes(provider as ProviderId) ? (provider as ProviderId) : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** Provider and page live in the URL; bad values read as "none". */
function useOutsideFilters() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const filters = useMemo(() => parse(searchParams), [searchParams]);
  const setFilters = useCallback(
    (next: OutsideListFilters) => {
      const params = new URLSearchParams();
      if (next.provider) params.set("provider", next.provider);
      if (next.page > 1) params.set("page", String(next.page));
      const search = params.toString();
      window.history.replaceState(null, "", search ? `${pathname}?${search}` : pathname);
    },
    [pathname],
  );
  return { filters, setFilters };
}

function Who({ change }: { change: OutsideChangeView }) {
  if (change.email) {
    return (
      <Link href={personHref(change.email)} className="font-medium text-foreground underline-offset-2 hover:underline">
        {change.email}
      </Link>
    );
  }
  return <span className="font-mono text-xs text-muted-foreground">{change.targetId ?? "unknown member"}</span>;
}

function ChangeRow({ change }: { change: OutsideChangeView }) {
  return (
    <li
      className="grid gap-1 border-b border-border px-4 py-3 last:border-0 md:grid-cols-[minmax(0,1.4fr)_minmax(0,1.2fr)_minmax(0,1.6fr)_8rem] md:items-center md:gap-4"
      data-testid="outside-change"
    >
      <div className="min-w-0 truncate text-[13px]">
        <Who change={change} />
      </div>
      <div className="flex min-w-0 items-center gap-2 text-[13px] text-foreground">
        <ProviderDot provider={change.provider} />
        <span className="sr-only">{providerLabel(change.provider)}:</span>
        <span className="truncate">{outsideWhat(change)}</span>
      </div>
      <div className="min-w-0 text-[13px] break-words text-muted-foreground md:truncate">by {outsideBy(change)}</div>
      <div className="text-xs text-muted-foreground md:text-right">
        <RelativeTime iso={change.at} />
      </div>
    </li>
  );
}

function ListSkeleton() {
  return (
    <ul aria-busy aria-label="Loading changes" className="rounded-lg border border-border bg-surface shadow-xs">
      {[0, 1, 2, 3].map((i) => (
        <li key={i} className="flex h-12 items-center gap-4 border-b border-border px-4 last:border-0">
          <Skeleton className="h-3.5 w-40" />
          <Skeleton className="h-3.5 w-28" />
          <Skeleton className="h-3.5 w-48" />
        </li>
      ))}
    </ul>
  );
}

/** "Changed outside Roster": the membership changes the providers logged that Roster did not make. */
export function OutsidePage() {
  const { filters, setFilters } = useOutsideFilters();
  const list = useQuery(outsideListQueryOptions(filters));
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / OUTSIDE_PAGE_SIZE)) : 1;
  const failedReads = data?.reads.filter((r) => r.error) ?? [];

  return (
    <div className="mx-auto w-full max-w-[1440px] space-y-4 px-4 py-6 sm:px-6">
      <Link
        href="/audit"
        className="inline-flex items-center gap-1.5 rounded-md text-[13px] font-medium text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden className="size-4" />
        Audit log
      </Link>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-lg font-semibold">Changed outside Roster</h1>
          <p className="max-w-2xl text-[13px] text-muted-foreground">
            Membership changes a provider&apos;s own audit log records that Roster did not make: someone used the provider&apos;s console or
            another tool. Read in the background after each sync; only OpenAI keeps such a log.
          </p>
        </div>
        <label className="flex items-center gap-2 text-[13px] text-muted-foreground">
          Provider
          <NativeSelect
            aria-label="Provider"
            value={filters.provider ?? ""}
            onChange={(e) => setFilters({ provider: (e.target.value || undefined) as ProviderId | undefined, page: 1 })}
          >
            <option value="">All providers</option>
            {PROVIDER_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </NativeSelect>
        </label>
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {list.isPending || list.isPlaceholderData ? "Loading changes…" : ""}
      </p>
      {failedReads.map((r) => (
        <p
          key={r.provider}
          role="alert"
          className="rounded-md border border-danger-border bg-danger-subtle px-3 py-2 text-[13px] text-danger-text"
        >
          The last read of {providerLabel(r.provider)}&apos;s audit log failed: {r.error}
        </p>
      ))}
      {list.isPending ? (
        <ListSkeleton />
      ) : list.isError && !data ? (
        <QueryErrorState
          title="Could not load the changes made outside Roster"
          error={list.error}
          onRetry={() => void list.refetch()}
          retrying={list.isFetching}
        />
      ) : data && data.changes.length === 0 ? (
        <div className="rounded-lg border border-border bg-surface shadow-xs">
          <EmptyState
            icon={<ShieldCheck aria-hidden />}
            title="Nothing changed outside Roster"
            description={
              filters.provider
                ? `${providerLabel(filters.provider)}'s audit log shows no membership change Roster did not make.`
                : "Every membership change the providers logged was made through Roster."
            }
          />
        </div>
      ) : data ? (
        <>
          <ul
            aria-label="Changes made outside Roster"
            className={`rounded-lg border border-border bg-surface shadow-xs ${list.isPlaceholderData ? "opacity-60" : ""}`}
          >
            {data.changes.map((c) => (
              <ChangeRow key={c.id} change={c} />
            ))}
          </ul>
          <div className="flex items-center justify-between text-[13px] text-muted-foreground">
            <span>
              {data.total} change{data.total === 1 ? "" : "s"} · page {filters.page} of {pages}
            </span>
            <div className="flex gap-2">
              <Button
                variant="secondary"
                size="sm"
                disabled={filters.page <= 1}
                onClick={() => setFilters({ ...filters, page: filters.page - 1 })}
              >
                <ChevronLeft aria-hidden /> Previous
              </Button>
              <Button
                variant="secondary"
                size="sm"
                disabled={filters.page >= pages}
                onClick={() => setFilters({ ...filters, page: filters.page + 1 })}
              >
                Next <ChevronRight aria-hidden />
              </Button>
            </div>
          </div>
        </>
      ) : null}
    </div>
  );
}
