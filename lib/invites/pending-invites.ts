import { normaliseEmail } from "../email";
import { getSnapshots, snapshotMembers } from "../directory/snapshot";
import { isProviderError } from "../providers/errors";
import { type ConfiguredProvider, configuredProviders } from "../providers/registry";
import { ledgerEntries, requestIdsByInvite } from "./repository";
import { hasJoined } from "./rules";
import type { PendingInvite, PendingInvitesResponse } from "./types";

/**
 * Every pending invite on every provider: what each provider lists (read fresh, with its
 * expiry), and for a provider that lists none (Arthur) Roster's ledger of the invites it
 * sent there, each shown until the person has joined (an account with a name of its own).
 */

async function listed({ settings, adapter }: ConfiguredProvider): Promise<PendingInvite[]> {
  const provider = settings.id;
  const invites = await adapter!.listInvites();
  const requests = await requestIdsByInvite(
    provider,
    invites.map((i) => i.id),
  );
  return invites.map((invite) => ({
    provider,
    id: invite.id,
    email: invite.email,
    role: invite.role,
    createdAt: invite.createdAt,
    expiresAt: invite.expiresAt,
    source: "provider",
    requestId: requests.get(invite.id) ?? null,
    canRevoke: adapter!.capabilities.revokeInvite,
  }));
}

async function fromLedger({ settings }: ConfiguredProvider): Promise<PendingInvite[]> {
  const provider = settings.id;
  const [entries] = await Promise.all([ledgerEntries(provider), getSnapshots()]);
  const accounts = new Map(
    snapshotMembers(provider)
      .filter((m) => m.email)
      .map((m) => [normaliseEmail(m.email!), m]),
  );
  const seen = new Set<string>();
  return entries.flatMap((entry) => {
    const account = accounts.get(entry.email);
    // Newest entry per email; gone once the person has joined, or once the account is removed.
    if (seen.has(entry.email) || !account || hasJoined(account)) return [];
    seen.add(entry.email);
    return [
      {
        provider,
        id: entry.id,
        email: entry.email,
        role: entry.roleName,
        createdAt: entry.sentAt.toISOString(),
        expiresAt: null,
        source: "ledger" as const,
        requestId: entry.requestId,
        canRevoke: false,
      },
    ];
  });
}

export async function pendingInvites(): Promise<PendingInvitesResponse> {
  const providers = configuredProviders().filter((p) => p.adapter);
  const errors: PendingInvitesResponse["errors"] = [];
  const lists = await Promise.all(
    providers.map(async (p) => {
      try {
        return await (p.adapter!.capabilities.listInvites ? listed(p) : fromLedger(p));
      } catch (error) {
        errors.push({
          provider: p.settings.id,
          status: isProviderError(error) ? error.status : null,
          message: error instanceof Error ? error.message : String(error),
        });
        return [];
      }
    }),
  );
  const invites = lists.flat().sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? "") || a.email.localeCompare(b.email));
  return { invites, errors };
}
