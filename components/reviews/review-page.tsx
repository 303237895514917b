"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { hasRole } from "@/lib/auth/roles";
import type { ReviewDetail } from "@/lib/reviews/types";
import { useOperator } from "@/components/shell/operator-context";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClassName } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { closeReview, fetchReview, retryReview, reviewKeys } from "./api";
import { ReviewHeader, ReviewLoadState, TableSection } from "./review-frame";
import { ReviewQueue } from "./review-queue";

/** One campaign: progress per reviewer, the queue, and (owners) close and retry. */
export function ReviewPage({ id }: { id: string }) {
  const operator = useOperator();
  const client = useQueryClient();
  const review = useQuery({ queryKey: reviewKeys.one(id), queryFn: () => fetchReview(id) });
  const refresh = () => client.invalidateQueries({ queryKey: reviewKeys.one(id) });
  const close = useMutation({ mutationFn: () => closeReview(id), onSuccess: refresh });
  const retry = useMutation({ mutationFn: () => retryReview(id), onSuccess: refresh });

  if (!review.isSuccess) {
    return (
      <ReviewLoadState
        query={review}
        width="max-w-[1440px]"
        loadingLabel="Loading the access review"
        errorTitle="Could not load the access review"
        skeletons={["h-8 w-64", "h-24", "h-64"]}
      />
    );
  }
  const r: ReviewDetail = review.data;
  const isOwner = hasRole(operator.role, "owner");
  const failed = r.outcomes.failed ?? 0;
  const error = close.error ?? retry.error;
  return (
    <div className="mx-auto w-full max-w-[1440px] space-y-6 px-4 py-6 sm:px-6">
      <ReviewHeader
        title={
          <>
            {r.name} <Badge tone={r.status === "open" ? "info" : "neutral"}>{r.status === "open" ? "Open" : "Closed"}</Badge>
          </>
        }
        meta={
          <>
            {r.itemCount} items · due {r.dueAt.slice(0, 10)} · created by {r.createdBy}
            {r.closedAt ? ` · closed ${r.closedAt.slice(0, 16).replace("T", " ")} by ${r.closedBy}` : ""}
          </>
        }
        actions={
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
        }
      />
      {error ? (
        <Callout tone="danger" role="alert">
          {error.message}
        </Callout>
      ) : null}
      <TableSection id="progress-title" title="Progress" frameClassName="rounded-lg border border-border bg-surface">
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
                  <div
                    className="h-1.5 rounded bg-muted"
                    role="progressbar"
                    aria-label={`${p.reviewer}: ${p.decided} of ${p.total} decided`}
                    aria-valuenow={p.decided}
                    aria-valuemin={0}
                    aria-valuemax={p.total}
                  >
                    <div className="h-1.5 rounded bg-primary" style={{ width: `${p.total ? (100 * p.decided) / p.total : 0}%` }} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableSection>
      <ReviewQueue review={r} />
    </div>
  );
}
