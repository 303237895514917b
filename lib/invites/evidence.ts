import { normaliseEmail } from "../email";
import { getSnapshots, snapshotMembers } from "../directory/snapshot";
import type { Member, ProviderAdapter, ProviderId } from "../providers/types";
import { ledgerEntries } from "./repository";
import { type Evidence, hasJoined } from "./rules";

/**
 * What a provider shows for the emails about to be invited, read just before sending
 * (and again after a send that went unanswered):
 * - a provider that lists invites (OpenAI, Astronomer): its pending invites, read fresh,
 *   and its active members from the directory snapshot (the provider refuses to invite a
 *   member anyway, so a stale snapshot costs a failed item, never a second invite);
 * - a provider that does not (Arthur): its accounts, read fresh, because an invite there
 *   is an account without a name until the person signs up; Roster's ledger says which
 *   of those it sent.
 */

export interface ProviderEvidence {
  forEmail(email: string): Evidence;
}

function byEmail<T>(list: T[], emailOf: (item: T) => string | null): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of list) {
    const email = emailOf(item);
    if (email && !map.has(normaliseEmail(email))) map.set(normaliseEmail(email), item);
  }
  return map;
}

async function listedInvites(provider: ProviderId, adapter: ProviderAdapter): Promise<ProviderEvidence> {
  const [invites] = await Promise.all([adapter.listInvites(), getSnapshots()]);
  const invited = byEmail(invites, (i) => i.email);
  const members = byEmail(
    snapshotMembers(provider).filter((m) => m.status === "active"),
    (m) => m.email,
  );
  return {
    forEmail(email) {
      const invite = invited.get(normaliseEmail(email));
      return { invite: invite ? { id: invite.id } : null, member: members.has(normaliseEmail(email)) };
    },
  };
}

async function accountsAndLedger(provider: ProviderId, adapter: ProviderAdapter, emails: string[]): Promise<ProviderEvidence> {
  const [accounts, ledger] = await Promise.all([adapter.listMembers(), ledgerEntries(provider, emails.map(normaliseEmail))]);
  const byAccount = byEmail<Member>(accounts, (m) => m.email);
  const byLedger = byEmail(ledger, (e) => e.email);
  return {
    forEmail(email) {
      const account = byAccount.get(normaliseEmail(email));
      if (!account) return { invite: null, member: false };
      if (hasJoined(account)) return { invite: null, member: true };
      return { invite: { id: byLedger.get(normaliseEmail(email))?.id ?? null }, member: false };
    },
  };
}

export function gatherEvidence(provider: ProviderId, adapter: ProviderAdapter, emails: string[]): Promise<ProviderEvidence> {
  return adapter.capabilities.listInvites ? listedInvites(provider, adapter) : accountsAndLedger(provider, adapter, emails);
}
