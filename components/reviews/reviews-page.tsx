"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ClipboardCheck } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { hasRole } from "@/lib/auth/roles";
import { PROVIDER_IDS, PROVIDER_LABELS, type ProviderId } from "@/lib/providers/types";
import { QueryErrorState } from "@/components/common/query-error-state";
import { useOperator } from "@/components/shell/operator-context";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Label } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { createReview, fetchReviews, reviewKeys } from "./api";

/** Campaigns, newest first; an owner creates one here. */
export function ReviewsPage() {
  const operator = useOperator();
  const reviews = useQuery({ queryKey: reviewKeys.all, queryFn: fetchReviews });
  return (
    <div className="mx-auto w-full max-w-[1440px] space-y-6 px-4 py-6 sm:px-6">
      <p className="max-w-2xl text-[13px] text-muted-foreground">
        An access review asks reviewers whether each member should keep their access. Closing it carries out the removals and role changes
        as audited changes, and leaves a report to show an auditor.
      </p>
      {hasRole(operator.role, "owner") ? <NewReviewForm /> : null}
      <section aria-labelledby="reviews-title" className="space-y-3">
        <h2 id="reviews-title" className="text-sm font-semibold">
          Campaigns
        </h2>
        {reviews.isPending ? (
          <div className="space-y-2" aria-busy="true" aria-label="Loading access reviews">
            <Skeleton className="h-14" />
            <Skeleton className="h-14" />
          </div>
        ) : reviews.isError ? (
          <QueryErrorState
            title="Could not load access reviews"
            error={reviews.error}
            onRetry={() => void reviews.refetch()}
            retrying={reviews.isFetching}
          />
        ) : reviews.data.reviews.length === 0 ? (
          <EmptyState
            icon={<ClipboardCheck />}
            title="No access reviews yet"
            description="An owner starts one: pick providers and reviewers, and a due date."
          />
        ) : (
          <ul className="divide-y divide-border rounded-lg border border-border bg-surface">
            {reviews.data.reviews.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
                <div className="min-w-0">
                  <Link href={`/reviews/${r.id}`} className="font-medium text-foreground underline-offset-2 hover:underline">
                    {r.name}
                  </Link>
                  <p className="text-[13px] text-muted-foreground">
                    {r.itemCount} items · due {r.dueAt.slice(0, 10)} · by {r.createdBy}
                    {r.repeatEveryDays ? ` · repeats every ${r.repeatEveryDays} days` : ""}
                  </p>
                </div>
                <Badge tone={r.status === "open" ? "info" : "neutral"}>{r.status === "open" ? "Open" : "Closed"}</Badge>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function NewReviewForm() {
  const client = useQueryClient();
  const [providers, setProviders] = useState<ProviderId[]>([]);
  const create = useMutation({
    mutationFn: createReview,
    onSuccess: () => client.invalidateQueries({ queryKey: reviewKeys.all }),
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const repeat = Number(form.get("repeat"));
    create.mutate({
      name: String(form.get("name") ?? ""),
      scope: { ...(providers.length ? { providers } : {}), ...(form.get("adminsOnly") ? { adminsOnly: true } : {}) },
      reviewers: { all: String(form.get("reviewer") ?? "") },
      dueAt: `${String(form.get("due") ?? "")}T23:59:59Z`,
      ...(repeat > 0 ? { repeatEveryDays: repeat } : {}),
    });
  };
  return (
    <section aria-labelledby="new-review-title" className="rounded-lg border border-border bg-surface p-4">
      <h2 id="new-review-title" className="mb-3 text-sm font-semibold">
        New access review
      </h2>
      <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="space-y-1">
          <Label htmlFor="review-name">Name</Label>
          <Input id="review-name" name="name" required maxLength={200} placeholder="Q4 admin review" />
        </div>
        <div className="space-y-1">
          <Label htmlFor="review-reviewer">Reviewer (operator email)</Label>
          <Input id="review-reviewer" name="reviewer" type="email" required placeholder="admin@example.com" />
        </div>
        <div className="space-y-1">
          <Label htmlFor="review-due">Due</Label>
          <Input id="review-due" name="due" type="date" required />
        </div>
        <div className="space-y-1">
          <Label htmlFor="review-repeat">Repeat every (days, optional)</Label>
          <Input id="review-repeat" name="repeat" type="number" min={1} max={366} />
        </div>
        <fieldset className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <legend className="sr-only">Providers</legend>
          {PROVIDER_IDS.map((p) => (
            <label key={p} className="flex items-center gap-1.5 text-[13px]">
              <input
                type="checkbox"
                checked={providers.includes(p)}
                onChange={(e) => setProviders((now) => (e.target.checked ? [...now, p] : now.filter((x) => x !== p)))}
              />
              {PROVIDER_LABELS[p]}
            </label>
          ))}
          <label className="flex items-center gap-1.5 text-[13px]">
            <input type="checkbox" name="adminsOnly" value="1" /> Admins and owners only
          </label>
        </fieldset>
        <div className="flex items-end justify-end sm:col-span-2">
          <Button type="submit" variant="primary" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create review"}
          </Button>
        </div>
      </form>
      {create.isError ? (
        <Callout tone="danger" className="mt-3" role="alert">
          {create.error.message}
        </Callout>
      ) : null}
    </section>
  );
}
