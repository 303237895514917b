"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Inbox } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import type { Operator } from "@/lib/auth/roles";
import type { InviteRequest, InviteRequestStatus } from "@/lib/invites/types";
import { invalidateAfterChange } from "@/lib/queries/change-mutation";
import { inviteRequestsQueryOptions, isSending } from "@/lib/queries/invites";
import { invitesKeys } from "@/lib/queries/keys";
import { plural } from "@/components/common/format";
import { QueryErrorState } from "@/components/common/query-error-state";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { RequestCard, type RequestAction } from "./request-card";
import { STATUS_OPTIONS } from "./request-status";

interface RequestsSectionProps {
  operator: Operator;
  onAction: (action: RequestAction, request: InviteRequest) => void;
}

const FILTERS: Array<{ value: InviteRequestStatus | undefined; label: string }> = [{ value: undefined, label: "All" }, ...STATUS_OPTIONS];

/** The approval queue: every request, newest first, filtered by status and by "mine". */
export function RequestsSection({ operator, onAction }: RequestsSectionProps) {
  const [status, setStatus] = useState<InviteRequestStatus | undefined>();
  const [mine, setMine] = useState(false);
  const requests = useQuery(inviteRequestsQueryOptions({ status, mine }));
  useSendingsEnded(requests.data?.requests.filter(isSending).length ?? 0);
  const data = requests.data;

  return (
    <section aria-labelledby="requests-title" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="requests-title" className="text-sm font-semibold">
            Requests
          </h2>
          <p className="text-[13px] text-muted-foreground">
            {data ? `${plural(data.total, "request")}` : "Requests"} · an admin other than the requester approves each one
            {data ? ` · pending requests expire after ${plural(data.policy.expiryDays, "day")}` : ""}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <div
            role="group"
            aria-label="Status"
            className="inline-flex max-w-full flex-wrap rounded-md border border-border-strong bg-surface p-0.5 shadow-xs"
          >
            {FILTERS.map((filter) => (
              <button
                key={filter.label}
                type="button"
                aria-pressed={status === filter.value}
                onClick={() => setStatus(filter.value)}
                className={cn(
                  "h-7 cursor-pointer rounded px-2.5 text-[13px] font-medium text-muted-foreground transition-colors hover:text-foreground",
                  "focus-visible:outline-2 focus-visible:outline-ring",
                  status === filter.value && "bg-accent text-foreground",
                )}
              >
                {filter.label}
              </button>
            ))}
          </div>
          <label className="flex items-center gap-2 text-[13px]">
            <Checkbox checked={mine} onCheckedChange={(next) => setMine(next === true)} />
            Only mine
          </label>
        </div>
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {requests.isFetching ? "Loading requests…" : ""}
      </p>
      {requests.isError && !data ? (
        <QueryErrorState
          title="Could not load requests"
          error={requests.error}
          onRetry={() => void requests.refetch()}
          retrying={requests.isFetching}
        />
      ) : !data ? (
        <div className="space-y-3" aria-busy>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-32 w-full rounded-lg" />
          ))}
        </div>
      ) : data.requests.length === 0 ? (
        <div className="rounded-lg border border-border bg-surface shadow-xs">
          <EmptyState
            icon={<Inbox aria-hidden />}
            title={status || mine ? "No requests match" : "No requests yet"}
            description={
              status || mine
                ? "Try another status, or everyone's requests."
                : "Requests to invite people, create Arthur accounts or grant admin-level roles appear here, waiting for another admin to approve or reject them."
            }
            action={
              status || mine ? (
                <Button
                  onClick={() => {
                    setStatus(undefined);
                    setMine(false);
                  }}
                >
                  Show all
                </Button>
              ) : undefined
            }
          />
        </div>
      ) : (
        <ul className={cn("space-y-3 transition-opacity", requests.isPlaceholderData && "opacity-60")} aria-label="Requests">
          {data.requests.map((request) => (
            <li key={request.id}>
              <RequestCard request={request} operator={operator} onAction={onAction} />
            </li>
          ))}
        </ul>
      )}
      {data && data.total > data.requests.length ? (
        <p className="text-xs text-muted-foreground">
          Showing the newest {data.requests.length} of {data.total}. Filter by status to see others.
        </p>
      ) : null}
    </section>
  );
}

/** When a background sending ends, what it changed (pending invites, the directory) is read again, as after any change. */
function useSendingsEnded(sending: number) {
  const queryClient = useQueryClient();
  const before = useRef(sending);
  useEffect(() => {
    if (sending < before.current) {
      void queryClient.invalidateQueries({ queryKey: invitesKeys.pending() });
      void invalidateAfterChange(queryClient);
    }
    before.current = sending;
  }, [sending, queryClient]);
}
