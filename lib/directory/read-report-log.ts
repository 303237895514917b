import { log } from "../log";
import type { ReadReportData } from "../providers/read-report";
import type { ProviderId } from "../providers/types";

/**
 * What one sync's read noted, in the server log: each deviation kind once (warn, with
 * its count and one example), and each part that could not be read.
 */
export function logReadReport(provider: ProviderId, report: ReadReportData): void {
  for (const deviation of report.deviations) {
    log.warn(
      { provider, deviation },
      `[roster] ${provider}: ${deviation.count} × ${deviation.kind} (read anyway; e.g. ${JSON.stringify(deviation.example)})`,
    );
  }
  for (const missing of report.missing) {
    const status = missing.status === null ? "" : ` (${missing.status})`;
    const permission = missing.permission ? `; needs ${missing.permission}` : "";
    log.warn({ provider, missing }, `[roster] ${provider}: could not read ${missing.part}${status}: ${missing.reason}${permission}`);
  }
}
