"use client";

import { ChevronDown, RotateCw } from "lucide-react";
import { useId, useState } from "react";
import { hasRole, type Operator } from "@/lib/auth/roles";
import { roleLabel } from "@/lib/providers/role-label";
import { describeChange, REQUEST_KIND_LABELS } from "@/lib/invites/describe-change";
import type { InviteRequest } from "@/lib/invites/types";
import { useRetryInviteRequest } from "@/lib/queries/invite-changes";
import { toastChanged } from "@/components/members/change-toast";
import { GatedButton } from "@/components/members/gated-button";
import { plural } from "@/components/common/format";
import { LocalDate, RelativeTime } from "@/components/common/relative-time";
import { ProviderDot } from "@/components/providers/provider-dot";
import { providerLabel } from "@/components/providers/provider-meta";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { RequestResults } from "./request-results";
import { orderedProviders, RequestStatusBadge } from "./request-status";

export type RequestAction = "approve" | "reject" | "cancel";

interface RequestCardProps {
  request: InviteRequest;
  operator: Operator;
  onAction: (action: RequestAction, request: InviteRequest) => void;
}

const SHOWN_EMAILS = 4;

function Counts({ request }: { request: InviteRequest }) {
  const { counts } = request;
  const parts = [
    counts.sent ? { text: `${counts.sent} sent`, className: "text-emerald-700 dark:text-emerald-300" } : null,
    counts.skipped ? { text: `${counts.skipped} skipped`, className: "text-muted-foreground" } : null,
    counts.failed ? { text: `${counts.failed} failed`, className: "text-danger-text font-medium" } : null,
    counts.sending ? { text: `${counts.sending} sending`, className: "text-muted-foreground" } : null,
    counts.queued && request.status === "approved" ? { text: `${counts.queued} queued`, className: "text-muted-foreground" } : null,
  ].filter((p) => p !== null);
  if (parts.length === 0) return null;
  return (
    <p className="text-xs" data-testid="request-counts">
      {parts.map((part, i) => (
        <span key={part.text} className={part.className}>
          {i > 0 ? <span className="text-muted-foreground"> · </span> : null}
          {part.text}
        </span>
      ))}
    </p>
  );
}

function Decision({ request }: { request: InviteRequest }) {
  if (request.status === "pending")
    return (
      <p className="text-xs text-muted-foreground">
        Waiting for an admin · expires <RelativeTimeFuture iso={request.expiresAt} />
      </p>
    );
  if (request.status === "expired") return <p className="text-xs text-muted-foreground">Expired without a decision</p>;
  const verb = request.status === "approved" ? "Approved" : request.status === "rejected" ? "Rejected" : "Cancelled";
  return (
    <p className="text-xs text-muted-foreground">
      {verb} by <span className="font-medium text-foreground">{request.decidedBy?.email ?? "someone"}</span>
      {request.decidedAt ? (
        <>
          {" · "}
          <RelativeTime iso={request.decidedAt} />
        </>
      ) : null}
      {request.decisionReason ? (
        <>
          {": "}
          <q className="text-foreground">{request.decisionReason}</q>
        </>
      ) : null}
    </p>
  );
}

/** What became of an approved change request. */
function ChangeOutcomeLine({ request }: { request: InviteRequest }) {
  const outcome = request.outcome;
  if (!outcome) return null;
  if (outcome.state === "done") {
    return (
      <p className="text-xs text-emerald-700 dark:text-emerald-300" data-testid="request-outcome">
        Done{outcome.warning ? <span className="text-muted-foreground"> · {outcome.warning}</span> : null}
      </p>
    );
  }
  if (outcome.state === "failed") {
    return (
      <p className="text-xs font-medium text-danger-text" data-testid="request-outcome">
        Failed: {outcome.error?.message ?? "unknown error"} · ask again to retry
      </p>
    );
  }
  return (
    <p className="text-xs text-muted-foreground" data-testid="request-outcome">
      {outcome.state === "performing" ? "Being made…" : "Waiting to be made"}
    </p>
  );
}

/** An absolute date for a time in the future (relative times only count backwards). */
function RelativeTimeFuture({ iso }: { iso: string }) {
  return <LocalDate iso={iso} />;
}

/** One invite request in the approval queue: who asked, why, for whom, who decided, and the results. */
export function RequestCard({ request, operator, onAction }: RequestCardProps) {
  const resultsId = useId();
  const [open, setOpen] = useState(false);
  const isAdmin = hasRole(operator.role, "admin");
  const own = request.requester.id === operator.id;
  const pending = request.status === "pending";
  const retry = useRetryInviteRequest({
    onSuccess: (body) => {
      setOpen(true);
      toastChanged(`Retried: ${body.request.counts.sent} sent, ${body.request.counts.failed} still failed`);
    },
  });
  const selfReason = "You asked for this: another admin must decide";
  const hidden = request.emails.length - SHOWN_EMAILS;

  return (
    <article
      aria-label={`${request.change ? REQUEST_KIND_LABELS[request.kind] : "Invite"} request by ${request.requester.email}`}
      id={`request-${request.id}`}
      data-request-id={request.id}
      className="rounded-lg border border-border bg-surface wrap-anywhere shadow-xs"
    >
      <div className="flex flex-wrap items-start gap-x-4 gap-y-3 p-4">
        <div className="min-w-0 flex-1 space-y-1.5">
          <div className="flex flex-wrap items-center gap-2 text-[13px]">
            <RequestStatusBadge status={request.status} />
            <span className="font-medium">{request.requester.email}</span>
            {own ? <span className="text-xs text-muted-foreground">(you)</span> : null}
            <span className="text-xs text-muted-foreground">
              asked <RelativeTime iso={request.createdAt} />
            </span>
          </div>
          <p className="text-[13px] text-foreground">
            <span className="text-muted-foreground">Why: </span>
            {request.reason}
          </p>
          {request.change ? (
            <p className="text-[13px]" data-testid="request-change">
              <span className="text-muted-foreground">{REQUEST_KIND_LABELS[request.kind]}: </span>
              {describeChange(request.change)}
            </p>
          ) : (
            <>
              <p className="text-[13px]">
                <span className="text-muted-foreground">{plural(request.emails.length, "email")}: </span>
                {request.emails.slice(0, SHOWN_EMAILS).join(", ")}
                {hidden > 0 ? <span className="text-muted-foreground"> and {hidden} more</span> : null}
              </p>
              <ul className="flex flex-wrap gap-1.5" aria-label="Providers and roles">
                {orderedProviders(request).map(({ provider, role, projects }) => (
                  <li
                    key={provider}
                    className="inline-flex flex-wrap items-center gap-1.5 rounded-md border border-border px-1.5 py-0.5 text-xs"
                  >
                    <ProviderDot provider={provider} />
                    <span className="whitespace-nowrap">{providerLabel(provider)}</span>
                    <span className="whitespace-nowrap text-muted-foreground">{roleLabel(role)}</span>
                    {projects?.length ? (
                      <span className="text-muted-foreground">· {projects.map((p) => `${p.name} (${roleLabel(p.role)})`).join(", ")}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          )}
          <Decision request={request} />
          {request.change ? <ChangeOutcomeLine request={request} /> : <Counts request={request} />}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {pending && isAdmin ? (
            <>
              <GatedButton state={{ enabled: !own, reason: selfReason }} onClick={() => onAction("reject", request)}>
                Reject
              </GatedButton>
              <GatedButton variant="primary" state={{ enabled: !own, reason: selfReason }} onClick={() => onAction("approve", request)}>
                Approve
              </GatedButton>
            </>
          ) : null}
          {pending && own ? (
            <Button variant={isAdmin ? "ghost" : "secondary"} onClick={() => onAction("cancel", request)}>
              Cancel request
            </Button>
          ) : null}
          {isAdmin && request.counts.failed > 0 ? (
            <Button onClick={() => retry.mutate({ id: request.id })} disabled={retry.isPending} aria-busy={retry.isPending}>
              <RotateCw aria-hidden className={retry.isPending ? "animate-spin" : undefined} />
              {retry.isPending ? "Retrying…" : "Retry failed"}
            </Button>
          ) : null}
        </div>
      </div>
      {request.status === "approved" && !request.change ? (
        <div className="border-t border-border">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={resultsId}
            onClick={() => setOpen((v) => !v)}
            className="flex w-full cursor-pointer items-center gap-1.5 px-4 py-2 text-left text-xs font-medium text-muted-foreground hover:bg-subtle focus-visible:outline-2 focus-visible:outline-ring"
          >
            <ChevronDown aria-hidden className={cn("size-3.5 transition-transform", open ? "rotate-0" : "-rotate-90")} />
            {open ? "Hide results" : "Show results"}
          </button>
          {open ? <RequestResults requestId={request.id} id={resultsId} /> : null}
        </div>
      ) : null}
    </article>
  );
}
