"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Workflow } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { hasRole } from "@/lib/auth/roles";
import type { BulkRunSummary, EngineJob, RunState, SendingSummary } from "@/lib/jobs/overview-types";
import { retryBulkRun } from "@/lib/queries/bulk";
import { jobsQueryOptions } from "@/lib/queries/jobs";
import { jobsKeys } from "@/lib/queries/keys";
import { formatNumber } from "@/components/common/format";
import { QueryErrorState } from "@/components/common/query-error-state";
import { LocalDate, RelativeTime } from "@/components/common/relative-time";
import { useOperator } from "@/components/shell/operator-context";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";

const RUN_STATE: Record<RunState, { label: string; tone: BadgeTone }> = {
  queued: { label: "Queued", tone: "neutral" },
  running: { label: "Running", tone: "info" },
  done: { label: "Done", tone: "success" },
  failed: { label: "Some failed", tone: "danger" },
};

const ENGINE_STATE: Record<string, { label: string; tone: BadgeTone }> = {
  created: { label: "Queued", tone: "neutral" },
  retry: { label: "Retrying", tone: "warning" },
  active: { label: "Running", tone: "info" },
  completed: { label: "Done", tone: "success" },
  cancelled: { label: "Cancelled", tone: "neutral" },
  failed: { label: "Failed", tone: "danger" },
};

const QUEUE_LABELS: Record<string, string> = {
  "directory-sync": "Scheduled sync",
  "request-expiry": "Request expiry",
  bulk: "Bulk change",
  "invite-sending": "Invite sending",
};

/** A bar and "12 of 50 ended" for a run of items. */
function Progress({ ended, total, label }: { ended: number; total: number; label: string }) {
  return (
    <div className="w-full max-w-56 space-y-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={ended}
        className="h-1.5 overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full rounded-full bg-primary" style={{ width: `${total ? (ended / total) * 100 : 0}%` }} />
      </div>
      <p className="text-xs text-muted-foreground tabular">
        {formatNumber(ended)} of {formatNumber(total)} ended
      </p>
    </div>
  );
}

function Section({ id, title, hint, children }: { id: string; title: string; hint: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <div>
        <h2 id={id} className="text-sm font-semibold">
          {title}
        </h2>
        <p className="text-xs text-muted-foreground">{hint}</p>
      </div>
      {children}
    </section>
  );
}

function Row({ children, label }: { children: ReactNode; label: string }) {
  return (
    <li aria-label={label} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
      {children}
    </li>
  );
}

function List({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul aria-label={label} className="divide-y divide-border rounded-lg border border-border bg-surface">
      {children}
    </ul>
  );
}

function Nothing({ children }: { children: ReactNode }) {
  return <p className="rounded-lg border border-dashed border-border px-4 py-3 text-[13px] text-muted-foreground">{children}</p>;
}

function BulkRuns({ runs }: { runs: BulkRunSummary[] }) {
  const client = useQueryClient();
  const retry = useMutation({ mutationFn: retryBulkRun, onSuccess: () => client.invalidateQueries({ queryKey: jobsKeys.all }) });
  if (!runs.length) return <Nothing>No bulk change yet. The users page&apos;s “Change role…” and “Remove from…” start one.</Nothing>;
  return (
    <>
      {retry.error ? (
        <Callout tone="danger" role="alert" title="Could not retry">
          {retry.error.message}
        </Callout>
      ) : null}
      <List label="Bulk runs">
        {runs.map((run) => {
          const state = RUN_STATE[run.state];
          const ended = run.counts.succeeded + run.counts.failed;
          return (
            <Row key={run.id} label={`Bulk run by ${run.startedBy}`}>
              <div className="min-w-0 space-y-0.5">
                <p className="text-[13px] font-medium">
                  {formatNumber(run.total)} changes by {run.startedBy}
                </p>
                <p className="text-xs text-muted-foreground">
                  Started <RelativeTime iso={run.createdAt} />
                  {run.counts.failed ? <span className="text-danger-text"> · {formatNumber(run.counts.failed)} failed</span> : null}
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-3">
                <Progress ended={ended} total={run.total} label={`Progress of the bulk run by ${run.startedBy}`} />
                <Badge tone={state.tone}>{state.label}</Badge>
                {run.state === "failed" ? (
                  <Button size="sm" onClick={() => retry.mutate(run.id)} disabled={retry.isPending}>
                    Retry failed
                  </Button>
                ) : null}
              </div>
            </Row>
          );
        })}
      </List>
    </>
  );
}

function Sendings({ sendings }: { sendings: SendingSummary[] }) {
  if (!sendings.length) return <Nothing>No approved invite request yet.</Nothing>;
  return (
    <List label="Invite sendings">
      {sendings.map((s) => {
        const state = RUN_STATE[s.state];
        const ended = s.counts.sent + s.counts.skipped + s.counts.failed;
        return (
          <Row key={s.requestId} label={`Invite sending approved by ${s.approvedBy ?? "unknown"}`}>
            <div className="min-w-0 space-y-0.5">
              <p className="text-[13px] font-medium">
                <Link href="/invites" className="underline-offset-2 hover:underline">
                  {formatNumber(s.total)} invites
                </Link>{" "}
                approved by {s.approvedBy ?? "—"}
              </p>
              <p className="text-xs text-muted-foreground">
                {s.approvedAt ? (
                  <>
                    Approved <RelativeTime iso={s.approvedAt} /> ·{" "}
                  </>
                ) : null}
                {formatNumber(s.counts.sent)} sent · {formatNumber(s.counts.skipped)} skipped
                {s.counts.failed ? <span className="text-danger-text"> · {formatNumber(s.counts.failed)} failed</span> : null}
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-3">
              <Progress ended={ended} total={s.total} label={`Progress of the sending approved by ${s.approvedBy ?? "unknown"}`} />
              <Badge tone={state.tone}>{state.label}</Badge>
            </div>
          </Row>
        );
      })}
    </List>
  );
}

function EngineJobs({ jobs }: { jobs: EngineJob[] }) {
  if (!jobs.length) return <Nothing>The engine has no job on record yet.</Nothing>;
  return (
    <List label="Engine jobs">
      {jobs.map((job) => {
        const state = ENGINE_STATE[job.state] ?? { label: job.state, tone: "neutral" as const };
        const queue = QUEUE_LABELS[job.queue] ?? job.queue;
        const when = job.completedAt ?? job.startedAt;
        return (
          <Row key={job.id} label={`${queue} job`}>
            <div className="min-w-0 space-y-0.5">
              <p className="text-[13px] font-medium break-words">
                {queue}
                {job.subject ? <span className="font-normal text-muted-foreground"> · {job.subject}</span> : null}
              </p>
              <p className="text-xs text-muted-foreground">
                {when ? (
                  <>
                    {job.completedAt ? "Ended" : "Started"} <RelativeTime iso={when} />
                  </>
                ) : (
                  <>
                    {/* Relative times only count backwards: a job not started yet shows when it is due. */}
                    Due <LocalDate iso={job.startAfter} />
                  </>
                )}
                {job.retries ? ` · retried ${formatNumber(job.retries)}×` : ""}
              </p>
              {job.error ? <p className="text-xs break-words text-danger-text">{job.error}</p> : null}
            </div>
            <Badge tone={state.tone} className="self-start sm:self-auto">
              {state.label}
            </Badge>
          </Row>
        );
      })}
    </List>
  );
}

/** Recent background work, for owners: bulk runs, invite sendings, and the engine's own jobs. */
export function JobsPage() {
  const operator = useOperator();
  const owner = hasRole(operator.role, "owner");
  const jobs = useQuery({ ...jobsQueryOptions(), enabled: owner });
  return (
    <div className="mx-auto w-full max-w-[1440px] space-y-6 px-4 py-6 sm:px-6">
      <p className="max-w-2xl text-[13px] text-muted-foreground">
        Work Roster does in the background: bulk changes, sending approved invites, and the scheduled directory syncs and request expiries.
        It goes on when a tab closes, and resumes after a restart.
      </p>
      {!owner ? (
        <EmptyState icon={<Workflow />} title="For owners" description="Only owners see Roster's background jobs." />
      ) : jobs.isPending ? (
        <div className="space-y-2" aria-busy="true" aria-label="Loading jobs">
          <Skeleton className="h-14" />
          <Skeleton className="h-14" />
          <Skeleton className="h-14" />
        </div>
      ) : jobs.isError ? (
        <QueryErrorState
          title="Could not load the jobs"
          error={jobs.error}
          onRetry={() => void jobs.refetch()}
          retrying={jobs.isFetching}
        />
      ) : (
        <>
          <Section
            id="jobs-bulk"
            title="Bulk changes"
            hint="Each runs on the server, four items at a time; failed items can be retried alone."
          >
            <BulkRuns runs={jobs.data.bulkRuns} />
          </Section>
          <Section id="jobs-sendings" title="Invite sendings" hint="An approved request's invites, sent in the background, each once.">
            <Sendings sendings={jobs.data.sendings} />
          </Section>
          <Section
            id="jobs-engine"
            title="Engine jobs"
            hint="Scheduled syncs, expiries and the workers above, as the job engine records them."
          >
            <EngineJobs jobs={jobs.data.engine} />
          </Section>
        </>
      )}
    </div>
  );
}
