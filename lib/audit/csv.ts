import { csvResponse } from "../csv";
import { auditEventsBefore } from "./log";
import type { AuditEvent, AuditQuery } from "./types";

export { csvCell } from "../csv";

/**
 * The filtered audit log as CSV, every matching event, newest first, each with the same
 * sentence the page shows (`description`) and followed by its steps (`parent_id` naming
 * it). Read in pages by id (each page: events older than the last one sent), so an event
 * written while the export runs is never sent twice, and nothing but one page is held in memory.
 */

const COLUMNS: Array<[string, (e: AuditEvent) => unknown]> = [
  ["id", (e) => e.id],
  ["parent_id", (e) => e.parentId],
  ["time", (e) => e.at],
  ["operator", (e) => e.actor.email],
  ["roster_role", (e) => e.actor.role],
  ["action", (e) => e.action],
  ["description", (e) => e.description],
  ["provider", (e) => e.provider],
  ["target_id", (e) => e.target.id],
  ["target_email", (e) => e.target.email],
  ["before", (e) => (e.before == null ? "" : JSON.stringify(e.before))],
  ["after", (e) => (e.after == null ? "" : JSON.stringify(e.after))],
  ["outcome", (e) => e.outcome],
  ["provider_status", (e) => e.providerStatus],
  ["provider_message", (e) => e.providerMessage],
  ["request_id", (e) => e.requestId],
  ["completed_at", (e) => e.completedAt],
];

export const AUDIT_CSV_HEADER = COLUMNS.map(([name]) => name);

/** The rows, one page of events at a time. */
export async function* auditCsvRows(query: Partial<AuditQuery>, pageSize = 1_000): AsyncGenerator<unknown[][]> {
  let before: number | null = null;
  for (;;) {
    const events = await auditEventsBefore(query, before, pageSize);
    const rows = events.flatMap((event) => [event, ...(event.steps ?? [])]);
    if (rows.length > 0) yield rows.map((event) => COLUMNS.map(([, get]) => get(event)));
    if (events.length < pageSize) return;
    before = events[events.length - 1].id;
  }
}

export function auditCsvResponse(query: Partial<AuditQuery>): Promise<Response> {
  return csvResponse("roster-audit", AUDIT_CSV_HEADER, auditCsvRows(query));
}

/** The whole export as text, through the same stream (scripts and tests). */
export async function auditCsv(query: Partial<AuditQuery>): Promise<string> {
  return (await auditCsvResponse(query)).text();
}
