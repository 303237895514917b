import { providerDescriptor } from "./catalog";
import type { ProviderId } from "./types";

/**
 * How each provider compares its member ids (its descriptor's `memberIds`). Arthur's are
 * UUIDs that Arthur matches without regard to letter case, so Roster lower-cases them
 * wherever one enters (paths, snapshots): an upper-cased id names the same member and meets
 * the same rules. Other providers' ids are compared exactly.
 */
export function idsIgnoreCase(provider: ProviderId): boolean {
  return providerDescriptor(provider).memberIds.ignoreCase;
}

export function normaliseMemberId(provider: ProviderId, id: string): string {
  return idsIgnoreCase(provider) ? id.toLowerCase() : id;
}

/** Why `id` cannot be one of this provider's member ids (its descriptor's format), or null. */
export function memberIdProblem(provider: ProviderId, id: string): string | null {
  const format = providerDescriptor(provider).memberIds.format;
  return format && !format.check(id) ? format.message : null;
}
