import { auditEventsBefore } from "../audit/log";
import type { AuditEvent } from "../audit/types";
import { normaliseEmail } from "../email";
import type { ProviderAdapter, ProviderChange, ProviderId } from "../providers/types";

/**
 * Changes made outside Roster: membership changes a provider's own audit log records that
 * Roster's audit log does not account for. A provider change is Roster's when Roster logged
 * an attempt of the same kind on the same provider and member (or, for invites, email)
 * within MATCH_WINDOW_MS of it; every other one was made in the provider's console or by
 * another tool, and is flagged.
 */

export const MATCH_WINDOW_MS = 10 * 60_000;

/** The provider change kind each Roster action makes. */
const ROSTER_ACTIONS: Record<string, ProviderChange["action"]> = {
  change_role: "role_changed",
  remove_member: "member_removed",
  revoke_invite: "invite_revoked",
  send_invite: "invite_sent",
};

export interface OutsideChange extends ProviderChange {
  outside: true;
}

/** Roster's own changes (steps of composite changes included), not refused before reaching the provider. */
function rosterChanges(events: readonly AuditEvent[]): AuditEvent[] {
  return events.flatMap((e) => [e, ...(e.steps ?? [])]).filter((e) => e.outcome !== "refused" && ROSTER_ACTIONS[e.action] !== undefined);
}

export function madeByRoster(change: ProviderChange, events: readonly AuditEvent[]): boolean {
  const at = Date.parse(change.at);
  const email = change.email ? normaliseEmail(change.email) : null;
  return rosterChanges(events).some(
    (e) =>
      e.provider === change.provider &&
      ROSTER_ACTIONS[e.action] === change.action &&
      Math.abs(Date.parse(e.at) - at) <= MATCH_WINDOW_MS &&
      ((change.targetId !== null && e.target.id === change.targetId) ||
        (email !== null && e.target.email !== null && normaliseEmail(e.target.email) === email)),
  );
}

/** The provider changes since `since` that Roster did not make, newest first. */
export function outsideOf(changes: readonly ProviderChange[], events: readonly AuditEvent[]): OutsideChange[] {
  return changes
    .filter((c) => !madeByRoster(c, events))
    .map((c) => ({ ...c, outside: true as const }))
    .sort((a, b) => b.at.localeCompare(a.at));
}

/**
 * One read of a provider's audit log since `since`, matched against Roster's audit log:
 * every membership change read (`read`, for the reader's cursor) and those Roster did not
 * make (`outside`); null when the provider has no readable log.
 */
export async function readOutsideChanges(
  provider: ProviderId,
  adapter: ProviderAdapter | null,
  since: Date,
): Promise<{ read: ProviderChange[]; outside: OutsideChange[] } | null> {
  if (!adapter?.readChanges) return null;
  const read = await adapter.readChanges(since);
  const from = new Date(since.getTime() - MATCH_WINDOW_MS);
  const events = await auditEventsBefore({ provider, from }, null, 10_000);
  return { read, outside: outsideOf(read, events) };
}
