"use client";

import { AlertTriangle, Loader2 } from "lucide-react";
import Link from "next/link";
import type { ProviderState } from "@/lib/directory/types";
import { formatNumber, plural } from "@/components/common/format";
import { RelativeTime } from "@/components/common/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/components/ui/cn";
import { ModeBadge, SandboxBadge } from "./mode-badge";
import { ProviderDot } from "./provider-dot";
import { providerLabel } from "./provider-meta";

function ChipStatus({ state }: { state: ProviderState }) {
  if (state.mode === "unconfigured") return <span>Not configured</span>;
  if (!state.ok) {
    return (
      <span className="inline-flex items-center gap-1 text-danger-text">
        <AlertTriangle aria-hidden className="size-3" />
        Sync failed
        {state.fetchedAt ? (
          <span className="text-muted-foreground">
            {" "}
            (data from <RelativeTime iso={state.fetchedAt} titlePrefix="Last good sync" />)
          </span>
        ) : null}
      </span>
    );
  }
  if (state.state === "degraded" && !state.syncing) {
    return (
      <span className="inline-flex items-center gap-1 text-amber-700 dark:text-amber-300" data-state="degraded">
        <AlertTriangle aria-hidden className="size-3" />
        Degraded
      </span>
    );
  }
  if (state.syncing) {
    const progress = state.progress;
    return (
      <span className="inline-flex items-center gap-1">
        <Loader2 aria-hidden className="size-3 animate-spin" />
        Syncing
        {progress && progress.fetched > 0
          ? ` ${formatNumber(progress.fetched)}${progress.total ? ` / ${formatNumber(progress.total)}` : ""}`
          : "…"}
      </span>
    );
  }
  return state.fetchedAt ? (
    <span>
      synced <RelativeTime iso={state.fetchedAt} titlePrefix="Last synced" />
    </span>
  ) : (
    <span>not synced yet</span>
  );
}

/**
 * A provider's sync as a bar: members read out of the total the provider reported
 * (OpenAI's cursor paging reports no total: the bar is indeterminate, the count says how far).
 */
function SyncProgress({ state }: { state: ProviderState }) {
  const fetched = state.progress?.fetched ?? 0;
  const total = state.progress?.total ?? null;
  const percent = total ? Math.min(100, Math.round((fetched / total) * 100)) : null;
  return (
    <span
      role="progressbar"
      aria-label={`${providerLabel(state.id)} sync progress`}
      aria-valuemin={0}
      aria-valuemax={total ?? undefined}
      aria-valuenow={total ? fetched : undefined}
      aria-valuetext={total ? `${formatNumber(fetched)} of ${formatNumber(total)} members` : `${formatNumber(fetched)} members so far`}
      className="mt-2 block h-1 overflow-hidden rounded-full bg-subtle"
    >
      {percent === null ? (
        <span className="block h-full w-1/3 animate-table-progress rounded-full bg-ring" />
      ) : (
        <span className="block h-full rounded-full bg-ring transition-[width] duration-300" style={{ width: `${percent}%` }} />
      )}
    </span>
  );
}

/** One card per provider: name, Sandbox marker, member count and sync freshness. */
export function ProviderStatusStrip({ providers }: { providers: ProviderState[] | undefined }) {
  if (!providers) {
    return (
      <div className="grid gap-3 sm:grid-cols-3" aria-hidden>
        {[0, 1, 2].map((index) => (
          <Skeleton key={index} className="h-[58px] rounded-lg" />
        ))}
      </div>
    );
  }
  return (
    <ul
      aria-label="Providers"
      className="-mx-4 flex snap-x gap-3 overflow-x-auto px-4 pb-1 sm:mx-0 sm:grid sm:grid-cols-3 sm:overflow-visible sm:px-0 sm:pb-0"
    >
      {providers.map((state) => (
        <li key={state.id} className="min-w-60 snap-start sm:min-w-0">
          <Link
            href="/connections"
            className={cn(
              "block rounded-lg border bg-surface px-3.5 py-2.5 shadow-xs transition-colors hover:bg-subtle",
              !state.ok ? "border-danger-border" : "border-border hover:border-border-strong",
            )}
          >
            <span className="flex items-center gap-2">
              <ProviderDot provider={state.id} />
              <span className="text-[13px] font-medium text-foreground">{providerLabel(state.id)}</span>
              {state.mode === "sandbox" ? <SandboxBadge /> : null}
              {state.mode === "live" ? <ModeBadge mode="live" /> : null}
            </span>
            <span className="mt-1 flex flex-wrap items-center gap-x-1.5 text-xs text-muted-foreground tabular">
              {state.mode !== "unconfigured" ? (
                <>
                  <span>{plural(state.count, "member")}</span>
                  <span aria-hidden>·</span>
                </>
              ) : null}
              <ChipStatus state={state} />
            </span>
            {state.syncing && state.ok ? <SyncProgress state={state} /> : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
