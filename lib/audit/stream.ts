import type { Logger } from "pino";
import { log } from "../log";
import { countAuditRow } from "../ops/metrics";
import type { AuditContent } from "./chain";

/**
 * Every audit row also goes to the log stream as one structured line, so a log collector
 * (a SIEM) gets the audit trail without reading the database:
 * `{"level":"info","msg":"audit","audit":{"id":…,"action":…,"outcome":…,…}}`.
 * The logger scrubs it like any line (secret-named keys, credential shapes, and Roster's
 * own configured secrets: lib/log.ts, lib/security/secret-values.ts).
 */

export interface AuditLine {
  id: number;
  hash: string;
  at: string;
  kind: string;
  attemptId: number | null;
  /** The entry this row is a step of (remove everywhere, a service account and its role). */
  parentId: number | null;
  actor: { id: string | null; email: string; role: string };
  action: string;
  provider: string | null;
  target: { id: string | null; email: string | null };
  before: unknown;
  after: unknown;
  outcome: string;
  providerStatus: number | null;
  providerMessage: string | null;
  requestId: string | null;
}

export function auditLine(row: { id: number; hash: string }, content: AuditContent): AuditLine {
  return {
    id: row.id,
    hash: row.hash,
    at: new Date(content.at).toISOString(),
    kind: content.kind,
    attemptId: content.attemptId ?? null,
    parentId: content.parentId ?? null,
    actor: { id: content.actorId ?? null, email: content.actorEmail, role: content.actorRole },
    action: content.action,
    provider: content.provider ?? null,
    target: { id: content.targetId ?? null, email: content.targetEmail ?? null },
    before: content.before ?? null,
    after: content.after ?? null,
    outcome: content.outcome,
    providerStatus: content.providerStatus ?? null,
    providerMessage: content.providerMessage ?? null,
    requestId: content.requestId ?? null,
  };
}

/** One line per row written (after its transaction committed), and the row counted in the metrics. */
export function streamAuditRows(rows: Array<{ row: { id: number; hash: string }; content: AuditContent }>, logger: Logger = log): void {
  for (const { row, content } of rows) {
    logger.info({ audit: auditLine(row, content) }, "audit");
    countAuditRow(content.action, content.kind, content.outcome);
  }
}
