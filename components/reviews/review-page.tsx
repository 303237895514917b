"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { hasRole } from "@/lib/auth/roles";
import type { ReviewDetail } from "@/lib/reviews/types";
import { QueryErrorState } from "@/components/common/query-error-state";
import { useOperator } from "@/components/shell/operator-context";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClassName } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Skeleton } from "@/components/ui/skeleton";
import { closeReview, fetchReview, retryReview, reviewKeys } from "./api";
import { ReviewQueue } from "./review-queue";

/** One campaign: progress per reviewer, the queue, and (owners) close and retry. */
export function ReviewPage({ id }: { id: string }) {
  const operator = useOperator();
  const client = useQueryClient();
  const review = useQuery({ queryKey: reviewKeys.one(id), queryFn: () => fetchReview(id) });
  const refresh = () => client.invalidateQueries({ queryKey: reviewKeys.one(id) });
  const close = useMutation({ mutationFn: () => closeReview(id), onSuccess: refresh });
  const retry = useMutation({ mutationFn: () => retryReview(id), onSuccess: refresh });

  if (review.isPending) {
    return (
      <div className="mx-auto w-full max-w-[1440px] space-y-3 px-4 py-6 sm:px-6" aria-busy="true" aria-label="Loading the access review">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-24" />
        <Skeleton className="h-64" />
      </div>
    );
  }
  if (review.isError) {
    return (
      <div className="mx-auto w-full max-w-[1440px] px-4 py-6 sm:px-6">
        <QueryErrorState title="Could not load the access review" error={review.error} onRetry={() => void review.refetch()} back={{ href: "/reviews", label: "All access reviews" }} />
      </div>
    );
  }
  const r: ReviewDetail = review.data;
  const isOwner = hasRole(operator.role, "owner");
  const failed = r.outcomes.failed ?? 0;
  const error = close.error ?? retry.error;
  return (
    <div className="mx-auto w-full max-w-[1440px] space-y-6 px-4 py-6 sm:px-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-lg font-semibold">
            {r.name} <Badge tone={r.status === "open" ? "info" : "neutral"}>{r.status === "open" ? "Open" : "Closed"}</Badge>
          </h1>
          <p className="text-[13px] text-muted-foreground">
            {r.itemCount} items · due {r.dueAt.slice(0, 10)} · created by {r.createdBy}
            {r.closedAt ? ` · closed ${r.closedAt.slice(0, 16).replace("T", " ")} by ${r.closedBy}` : ""}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href={`/reviews/${id}/report`} className={buttonClassName("secondary", "sm")}>
            Report
          </Link>
          {isOwner && r.status === "open" ? (
            <Button variant="primary" onClick={() => close.mutate()} disabled={close.isPending}>
              {close.isPending ? "Closing and carrying out…" : "Close and carry out decisions"}
            </Button>
          ) : null}
          {isOwner && r.status === "closed" && failed > 0 ? (
            <Button onClick={() => retry.mutate()} disabled={retry.isPending}>
              {retry.isPending ? "Retrying…" : `Retry ${failed} failed`}
            </Button>
          ) : null}
        </div>
      </div>
      {error ? (
        <Callout tone="danger" role="alert">
          {error.message}
        </Callout>
      ) : null}
      <section aria-labelledby="progress-title" className="space-y-2">
        <h2 id="progress-title" className="text-sm font-semibold">
          Progress
        </h2>
        <div className="relative overflow-x-auto rounded-lg border border-border bg-surface">
          <table className="w-full text-[13px]">
            <thead className="text-left text-muted-foreground">
              <tr>
                <th className="px-3 py-2 font-medium">Reviewer</th>
                <th className="px-3 py-2 text-right font-medium">Decided</th>
                <th className="px-3 py-2 text-right font-medium">Open</th>
                <th className="px-3 py-2 font-medium">
                  <span className="sr-only">Share decided</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {r.progress.map((p) => (
                <tr key={p.reviewer} className="border-t border-border">
                  <td className="px-3 py-2">{p.reviewer}</td>
                  <td className="tabular px-3 py-2 text-right">{p.decided}</td>
                  <td className="tabular px-3 py-2 text-right">{p.open}</td>
                  <td className="w-1/3 px-3 py-2">
                    <div className="h-1.5 rounded bg-muted" role="progressbar" aria-label={`${p.reviewer}: ${p.decided} of ${p.total} decided`} aria-valuenow={p.decided} aria-valuemin={0} aria-valuemax={p.total}>
                      <div className="h-1.5 rounded bg-primary" style={{ width: `${p.total ? (100 * p.decided) / p.total : 0}%` }} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <ReviewQueue review={r} />
    </div>
  );
}
