import type { BulkItemState } from "./bulk-types";

/** What the Jobs page shows (`GET /api/jobs`, owners only). */

/** Where a run of work stands: waiting, under way, ended with every item done, or ended with some failed. */
export type RunState = "queued" | "running" | "done" | "failed";

export interface BulkRunSummary {
  id: string;
  startedBy: string;
  createdAt: string;
  finishedAt: string | null;
  total: number;
  counts: Record<BulkItemState, number>;
  state: RunState;
}

export interface SendingSummary {
  /** The invite request whose invites are sent. */
  requestId: string;
  approvedBy: string | null;
  approvedAt: string | null;
  total: number;
  counts: { queued: number; sending: number; sent: number; skipped: number; failed: number };
  state: RunState;
}

/** One job of the engine (pg-boss): a scheduled sync, an expiry, a bulk's or a sending's worker. */
export interface EngineJob {
  id: string;
  queue: string;
  /** pg-boss's state: created, retry, active, completed, cancelled, failed. */
  state: string;
  retries: number;
  createdAt: string;
  startAfter: string;
  startedAt: string | null;
  completedAt: string | null;
  /** Why a failed (or retried) job failed, in the engine's words. */
  error: string | null;
  /** The provider of a sync, the run or request of a worker. */
  subject: string | null;
}

export interface JobsOverview {
  bulkRuns: BulkRunSummary[];
  sendings: SendingSummary[];
  engine: EngineJob[];
}
