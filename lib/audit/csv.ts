import { listAudit } from "./log";
import type { AuditEvent, AuditQuery } from "./types";

/** The filtered audit log as CSV (RFC 4180), every matching event, oldest last. */

const COLUMNS: Array<[string, (e: AuditEvent) => unknown]> = [
  ["id", (e) => e.id],
  ["time", (e) => e.at],
  ["operator", (e) => e.actor.email],
  ["roster_role", (e) => e.actor.role],
  ["action", (e) => e.action],
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

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  // A cell that a spreadsheet would run as a formula is prefixed so it stays text.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function auditCsv(query: Partial<AuditQuery>): Promise<string> {
  const lines = [COLUMNS.map(([name]) => name).join(",")];
  const pageSize = 1_000;
  for (let page = 1; ; page++) {
    const { events } = await listAudit({ ...query, page, pageSize });
    for (const event of events) lines.push(COLUMNS.map(([, get]) => csvCell(get(event))).join(","));
    if (events.length < pageSize) break;
  }
  return `${lines.join("\r\n")}\r\n`;
}
