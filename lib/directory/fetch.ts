import { normaliseEmail } from "../email";
import { ledgerEntries } from "../invites/repository";
import { hasJoined } from "../invites/rules";
import { isProviderError } from "../providers/errors";
import { createReadReport, type ReadReport, type ReadReportData } from "../providers/read-report";
import type { ConfiguredProvider } from "../providers/registry";
import type { Invite, ListProgress, Member } from "../providers/types";
import { log } from "../log";

/**
 * One full read of a provider: every member (all pages, in parallel where the provider's
 * paging allows) and every pending invite, merged into one list of members.
 */

function inviteAsMember(invite: Invite): Member {
  return {
    provider: invite.provider,
    id: invite.id,
    email: invite.email,
    name: "",
    role: invite.role,
    roleId: invite.role,
    status: "invited",
    kind: "person",
    addedAt: invite.createdAt,
    managed: false,
  };
}

/** Members plus pending invites for people who are not members yet. */
export function mergeInvites(members: Member[], invites: Invite[]): Member[] {
  const emails = new Set(members.map((m) => (m.email ? normaliseEmail(m.email) : "")).filter(Boolean));
  return [...members, ...invites.filter((i) => !emails.has(normaliseEmail(i.email))).map(inviteAsMember)];
}

/**
 * A provider that lists no invites (Arthur) shows an invited person as an account of
 * their own: Roster's ledger of the invites it sent there tells which accounts are
 * still invitations (until the person has joined).
 */
async function withLedgerInvites(provider: ConfiguredProvider, members: Member[]): Promise<Member[]> {
  if (provider.adapter!.capabilities.listInvites) return members;
  let invited: Set<string>;
  try {
    invited = new Set((await ledgerEntries(provider.settings.id)).map((e) => e.email));
  } catch (error) {
    log.error({ err: error }, `[roster] could not read the ${provider.settings.id} invite ledger`);
    return members;
  }
  if (invited.size === 0) return members;
  return members.map((m) => (m.email && invited.has(normaliseEmail(m.email)) && !hasJoined(m) ? { ...m, status: "invited" } : m));
}

/**
 * Pending invites, or none when they cannot be read: the members are still listed, and
 * `invites` is noted as a missing part. Errors that are not the provider's fail the read.
 */
async function invitesOrMissing(provider: ConfiguredProvider, report: ReadReport): Promise<Invite[]> {
  const adapter = provider.adapter!;
  if (!adapter.capabilities.listInvites) return [];
  try {
    return await adapter.listInvites({ report });
  } catch (error) {
    if (!isProviderError(error)) throw error;
    report.missingPart({ part: "invites", reason: error.message, status: error.status });
    return [];
  }
}

/** One read of a provider: its members (the read fails without them), pending invites, and what the read noted. */
export async function fetchProvider(
  provider: ConfiguredProvider,
  onProgress: (progress: ListProgress) => void,
): Promise<{ members: Member[]; report: ReadReportData }> {
  const report = createReadReport();
  const [members, invites] = await Promise.all([provider.adapter!.listMembers({ onProgress, report }), invitesOrMissing(provider, report)]);
  return { members: mergeInvites(await withLedgerInvites(provider, members), invites), report: report.data() };
}
