import type { ProviderId } from "./types";

/**
 * How each provider compares its member ids. Arthur's are UUIDs (its spec: `format: uuid`),
 * which Arthur and its sandbox match without regard to letter case, so Roster lower-cases
 * them wherever one enters (paths, snapshots): an upper-cased id names the same member
 * and meets the same rules. OpenAI's (`user-…`) and Astronomer's (cuid) ids are opaque
 * strings their specs give no case rule for: compared exactly.
 */
const CASE_INSENSITIVE: Record<ProviderId, boolean> = { openai: false, astronomer: false, arthur: true };

export function idsIgnoreCase(provider: ProviderId): boolean {
  return CASE_INSENSITIVE[provider];
}

export function normaliseMemberId(provider: ProviderId, id: string): string {
  return CASE_INSENSITIVE[provider] ? id.toLowerCase() : id;
}
