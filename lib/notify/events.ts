import type { NotifyEventName } from "./types";

/** What happened, as the trigger points say it: ids only; lib/notify reads the rest. */
export type NotifyEvent =
  /** A new invite, change or mass-change request: the admins who may approve it. */
  | { kind: "request_created"; requestId: string }
  /** Approved, rejected or expired: the requester. */
  | { kind: "request_decided"; requestId: string }
  /** An approved request whose items (or change) failed: the admins. */
  | { kind: "send_failed"; requestId: string }
  /** A bulk run that ended with failed items: the admins. */
  | { kind: "bulk_failed"; runId: string }
  /** A scheduled job that failed (`what` names it, with no secret): the admins. */
  | { kind: "job_failed"; job: string; what: string; link: string }
  /** A campaign names reviewers: each of them. */
  | { kind: "review_assigned"; campaignId: string }
  /** Before the due date: each reviewer with undecided items. */
  | { kind: "review_reminder"; campaignId: string };

/** The operator's choice that governs the event's email. */
export const PREFERENCE_OF: Record<NotifyEvent["kind"], NotifyEventName> = {
  request_created: "request_waiting",
  request_decided: "request_decided",
  send_failed: "failure",
  bulk_failed: "failure",
  job_failed: "failure",
  review_assigned: "review_assigned",
  review_reminder: "review_reminder",
};

export interface Recipient {
  id: string;
  email: string;
}

/** One event in words: the webhook's line and each recipient's email. */
export interface Notice {
  summary: string;
  link: string;
  emails: Array<{ to: Recipient; subject: string; text: string }>;
}
