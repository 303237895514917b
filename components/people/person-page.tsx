"use client";

import { useQuery } from "@tanstack/react-query";
import { AlertTriangle, ArrowLeft, UserSearch } from "lucide-react";
import Link from "next/link";
import { isApiFailure } from "@/lib/api/fetcher";
import { personQueryOptions } from "@/lib/queries/people";
import { QueryErrorState } from "@/components/common/query-error-state";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { MemberDialogsProvider } from "@/components/members/member-dialogs-provider";
import { providerLabel } from "@/components/providers/provider-meta";
import { useUsersReturnHref } from "@/components/users/users-return";
import { PersonHeader } from "./person-header";
import { PersonMemberships } from "./person-memberships";
import { PersonTimeline } from "./person-timeline";
import { httpStatusSuffix } from "@/components/common/format";

function PersonSkeleton() {
  return (
    <div className="space-y-4" aria-busy aria-label="Loading person">
      <Skeleton className="h-[82px] rounded-xl" />
      <div className="overflow-hidden rounded-lg border border-border bg-surface">
        <div className="h-9 border-b border-border bg-subtle" />
        {[0, 1, 2].map((index) => (
          <div key={index} className="flex h-14 items-center gap-4 border-b border-border px-4 last:border-0">
            <Skeleton className="h-3.5 w-28" />
            <Skeleton className="h-3.5 w-20" />
            <Skeleton className="h-3.5 w-32" />
            <Skeleton className="ml-auto h-7 w-40" />
          </div>
        ))}
      </div>
    </div>
  );
}

/** One person: every membership on every provider, with its actions, and "Remove everywhere". */
export function PersonPage({ email }: { email: string }) {
  const person = useQuery(personQueryOptions(email));
  const back = useUsersReturnHref();
  const notFound = isApiFailure(person.error) && (person.error.code === "not_found" || person.error.status === 404);

  return (
    <MemberDialogsProvider>
      <div className="mx-auto w-full max-w-[1440px] space-y-4 px-4 py-6 sm:px-6">
        <Link
          href={back}
          className="inline-flex items-center gap-1.5 rounded-md text-[13px] font-medium text-muted-foreground hover:text-foreground"
        >
          <ArrowLeft aria-hidden className="size-4" />
          Back to Users
        </Link>
        {person.isPending ? (
          <PersonSkeleton />
        ) : notFound ? (
          <div className="rounded-lg border border-border bg-surface shadow-xs">
            <EmptyState
              icon={<UserSearch aria-hidden />}
              title="No memberships for this email"
              description={
                <>
                  No provider has a member or a pending invite for <span className="font-medium text-foreground">{email}</span>. They may
                  have been removed everywhere.
                </>
              }
              action={
                <Button asChild>
                  <Link href={back}>Back to Users</Link>
                </Button>
              }
            />
          </div>
        ) : person.isError && !person.data ? (
          <QueryErrorState
            title="Could not load this person"
            error={person.error}
            onRetry={() => void person.refetch()}
            retrying={person.isFetching}
            back={{ href: back, label: "Back to Users" }}
          />
        ) : person.data ? (
          <>
            <PersonHeader person={person.data} />
            {person.data.errors.map((failure) => (
              <Callout key={failure.provider} tone="danger" role="alert" icon={<AlertTriangle aria-hidden />}>
                <span className="font-medium">{providerLabel(failure.provider)}:</span> {failure.message}
                {httpStatusSuffix(failure.status)}. Its memberships may be missing or out of date below.
              </Callout>
            ))}
            {person.data.memberships.length > 0 ? (
              <PersonMemberships person={person.data} />
            ) : (
              <div className="rounded-lg border border-border bg-surface shadow-xs">
                <EmptyState title="No memberships left" description="This person has no membership or pending invite on any provider." />
              </div>
            )}
            <PersonTimeline email={email} />
          </>
        ) : null}
      </div>
    </MemberDialogsProvider>
  );
}
