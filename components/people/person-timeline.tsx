"use client";

import { useQuery } from "@tanstack/react-query";
import { History } from "lucide-react";
import type { PersonTimelineResponse, TimelineEntry } from "@/lib/governance/outside-types";
import type { ProviderId } from "@/lib/providers/types";
import { timelineQueryOptions } from "@/lib/queries/outside";
import { LocalDate, RelativeTime } from "@/components/common/relative-time";
import { plural } from "@/components/common/format";
import { providerLabel } from "@/components/providers/provider-meta";
import { OutcomeBadge } from "@/components/audit/audit-cells";
import { OutsideBadge, outsideBy, outsideWhat } from "@/components/outside/outside-words";
import { ProviderDot } from "@/components/providers/provider-dot";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";

function Entry({ entry }: { entry: TimelineEntry }) {
  const provider = (entry.source === "roster" ? entry.event.provider : entry.change.provider) as ProviderId | null;
  return (
    <li className="flex gap-3 border-b border-border px-4 py-3 last:border-0" data-testid="timeline-entry" data-source={entry.source}>
      <span className="mt-1.5 flex w-2 shrink-0 justify-center">{provider ? <ProviderDot provider={provider} /> : null}</span>
      <div className="min-w-0 flex-1 space-y-1">
        {entry.source === "roster" ? (
          <>
            <div className="flex flex-wrap items-center gap-2">
              <OutcomeBadge outcome={entry.event.outcome} />
              <span className="text-[13px] break-words text-foreground">{entry.event.description}</span>
            </div>
            <p className="text-xs text-muted-foreground">in Roster, by {entry.event.actor.email}</p>
          </>
        ) : (
          <>
            <div className="flex flex-wrap items-center gap-2">
              <OutsideBadge title="Logged by the provider; Roster did not make this change" />
              <span className="text-[13px] text-foreground">{outsideWhat(entry.change)}</span>
            </div>
            <p className="text-xs text-muted-foreground">by {outsideBy(entry.change)}</p>
          </>
        )}
      </div>
      <RelativeTime iso={entry.at} className="shrink-0 text-xs text-muted-foreground" />
    </li>
  );
}

/** Their usage where a provider reports it (OpenAI's usage API, read in the background). */
function Activity({ activity }: { activity: PersonTimelineResponse["activity"] }) {
  if (activity.length === 0) return null;
  return (
    <ul aria-label="Activity" className="space-y-1 border-b border-border px-4 py-3 text-[13px]">
      {activity.map((a) => (
        <li key={`${a.provider}:${a.memberId}`} className="flex flex-wrap items-center gap-x-2 gap-y-1" data-testid="activity">
          <ProviderDot provider={a.provider} />
          <span className="font-medium">{providerLabel(a.provider)}:</span>
          <span className="tabular">{plural(a.requests, "request")} since</span>
          <LocalDate iso={a.windowStart} />
          <span className="text-muted-foreground">
            · last on <LocalDate iso={a.lastActiveAt} /> · read <RelativeTime iso={a.readAt} />
          </span>
        </li>
      ))}
    </ul>
  );
}

/** One timeline of a person: Roster's audit entries about them merged with their providers' outside changes. */
export function PersonTimeline({ email }: { email: string }) {
  const timeline = useQuery(timelineQueryOptions(email));
  return (
    <section aria-labelledby="timeline-heading" className="overflow-hidden rounded-lg border border-border bg-surface shadow-xs">
      <h2 id="timeline-heading" className="border-b border-border bg-subtle px-4 py-2 text-[13px] font-semibold">
        Activity and timeline
      </h2>
      {timeline.isPending ? (
        <div aria-busy aria-label="Loading the timeline" className="space-y-3 px-4 py-4">
          <Skeleton className="h-3.5 w-64" />
          <Skeleton className="h-3.5 w-48" />
        </div>
      ) : timeline.isError ? (
        <div role="alert" className="flex flex-wrap items-center justify-between gap-3 px-4 py-4 text-[13px] text-danger-text">
          <span>Could not load the timeline: {timeline.error instanceof Error ? timeline.error.message : "something went wrong"}</span>
          <Button variant="secondary" size="sm" onClick={() => void timeline.refetch()} disabled={timeline.isFetching}>
            Try again
          </Button>
        </div>
      ) : timeline.data.entries.length === 0 ? (
        <>
          <Activity activity={timeline.data.activity} />
          <EmptyState
            icon={<History aria-hidden />}
            title="No changes yet"
            description="Nothing was changed for this person, in Roster or on a provider's own console."
            className="py-10"
          />
        </>
      ) : (
        <>
          <Activity activity={timeline.data.activity} />
          <ol aria-label="Timeline">
            {timeline.data.entries.map((entry) => (
              <Entry key={entry.source === "roster" ? `r${entry.event.id}` : `p${entry.change.id}`} entry={entry} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
