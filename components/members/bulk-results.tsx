"use client";

import { Check, Loader2, X } from "lucide-react";
import { formatNumber } from "@/components/common/format";
import { cn } from "@/components/ui/cn";
import { ProviderDot } from "@/components/providers/provider-dot";
import { providerLabel } from "@/components/providers/provider-meta";
import type { BulkItem } from "./bulk-plan";
import type { BulkOutcome, BulkProgressState } from "./use-bulk-change";

/** "3 of 7…" with a bar, announced politely while a bulk run goes. */
export function BulkProgress({ progress }: { progress: BulkProgressState }) {
  const { running, done, total } = progress;
  return (
    <div className={cn("space-y-1.5", !running && "sr-only")}>
      <p role="status" aria-live="polite" className="text-[13px] font-medium tabular">
        {running ? `${formatNumber(done)} of ${formatNumber(total)}…` : ""}
      </p>
      {running ? (
        <div
          role="progressbar"
          aria-label="Progress"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={done}
          className="h-1.5 overflow-hidden rounded-full bg-muted"
        >
          <div className="h-full rounded-full bg-primary transition-[width]" style={{ width: `${total ? (done / total) * 100 : 0}%` }} />
        </div>
      ) : null}
    </div>
  );
}

interface BulkResultListProps {
  items: readonly BulkItem[];
  outcomes: ReadonlyMap<string, BulkOutcome>;
  pending: ReadonlySet<string>;
  /** What a success means for this item ("owner → reader", "Removed"). */
  describe: (item: BulkItem) => string;
}

/** One line per change: ✓ with what happened, or ✗ with the provider's own message. */
export function BulkResultList({ items, outcomes, pending, describe }: BulkResultListProps) {
  const failed = items.filter((item) => outcomes.get(item.key)?.state === "failed").length;
  const ok = items.filter((item) => outcomes.get(item.key)?.state === "succeeded").length;
  return (
    <div className="space-y-2">
      <p className="text-[13px] text-muted-foreground tabular">
        {formatNumber(ok)} done
        {failed > 0 ? <span className="text-danger-text">, {formatNumber(failed)} failed</span> : null}
        {pending.size > 0 ? `, ${formatNumber(pending.size)} running` : null}
      </p>
      <ul aria-label="Results" className="divide-y divide-border overflow-hidden rounded-lg border border-border">
        {items.map((item) => {
          const outcome = pending.has(item.key) ? undefined : outcomes.get(item.key);
          const failedHere = outcome?.state === "failed";
          return (
            <li
              key={item.key}
              data-outcome={outcome ? (failedHere ? "failed" : "ok") : "pending"}
              className="flex items-start gap-2.5 px-3 py-2"
            >
              <span className="mt-0.5 shrink-0">
                {!outcome ? (
                  <Loader2 aria-label="Running" className="size-4 animate-spin text-muted-foreground" />
                ) : failedHere ? (
                  <X aria-label="Failed" className="size-4 text-danger-text" />
                ) : (
                  <Check aria-label="Done" className="size-4 text-emerald-600 dark:text-emerald-400" />
                )}
              </span>
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-x-2">
                  <span className="font-medium">{item.name}</span>
                  <span className="inline-flex items-center gap-1.5 text-xs text-muted-foreground">
                    <ProviderDot provider={item.membership.provider} className="size-1.5" />
                    {providerLabel(item.membership.provider)}
                  </span>
                </div>
                {outcome ? (
                  <p className={cn("text-xs break-words", failedHere ? "text-danger-text" : "text-muted-foreground")}>
                    {outcome.state === "failed"
                      ? `${outcome.error?.message ?? "Failed"}${outcome.error?.status ? ` (HTTP ${outcome.error.status})` : ""}`
                      : (outcome.note ?? describe(item))}
                  </p>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
