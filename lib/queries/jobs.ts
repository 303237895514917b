import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api/fetcher";
import type { JobsOverview } from "@/lib/jobs/overview-types";
import { jobsKeys } from "./keys";

/** Whether anything on the Jobs page is still under way (then it is read again every 2 s). */
export function underWay(overview: JobsOverview): boolean {
  return (
    overview.bulkRuns.some((r) => r.state === "queued" || r.state === "running") ||
    overview.sendings.some((s) => s.state === "queued" || s.state === "running") ||
    overview.engine.some((j) => j.state === "active" || j.state === "retry")
  );
}

export function jobsQueryOptions() {
  return queryOptions({
    queryKey: jobsKeys.list(),
    queryFn: ({ signal }) => apiFetch<JobsOverview>("/api/jobs", { signal }),
    refetchInterval: (q) => (q.state.data && underWay(q.state.data) ? 2_000 : 15_000),
  });
}
