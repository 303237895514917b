"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { QueryErrorState } from "@/components/common/query-error-state";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";

const BACK = { href: "/reviews", label: "All access reviews" };

/**
 * What a review page shows before its data is there: skeletons of the given heights while
 * loading (the first is the title's), the error with a retry and a way back when the read
 * failed; `null` once the data is in.
 */
export function ReviewLoadState({
  query,
  width,
  loadingLabel,
  errorTitle,
  skeletons,
}: {
  query: Pick<UseQueryResult, "isPending" | "isError" | "error" | "refetch">;
  width: string;
  loadingLabel: string;
  errorTitle: string;
  skeletons: string[];
}) {
  const frame = cn("mx-auto w-full px-4 py-6 sm:px-6", width);
  if (query.isPending) {
    return (
      <div className={cn(frame, "space-y-3")} aria-busy="true" aria-label={loadingLabel}>
        {skeletons.map((size, i) => (
          <Skeleton key={i} className={size} />
        ))}
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className={frame}>
        <QueryErrorState title={errorTitle} error={query.error} onRetry={() => void query.refetch()} back={BACK} />
      </div>
    );
  }
  return null;
}

/** A review page's title, the line under it, and its actions at the right. */
export function ReviewHeader({
  title,
  meta,
  actions,
  metaClassName,
}: {
  title: ReactNode;
  meta: ReactNode;
  actions: ReactNode;
  metaClassName?: string;
}) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-lg font-semibold">{title}</h1>
        <p className={cn("text-[13px] text-muted-foreground", metaClassName)}>{meta}</p>
      </div>
      {actions}
    </div>
  );
}

/** A titled section holding a table that scrolls sideways on narrow screens. */
export function TableSection({
  id,
  title,
  frameClassName,
  children,
  after,
}: {
  id: string;
  title: string;
  frameClassName?: string;
  children: ReactNode;
  after?: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-sm font-semibold">
        {title}
      </h2>
      <div className={cn("relative overflow-x-auto", frameClassName)}>{children}</div>
      {after}
    </section>
  );
}
