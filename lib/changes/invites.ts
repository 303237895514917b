import { ApiError } from "../api/errors";
import { normaliseEmail } from "../directory/people";
import { getSnapshots, patchSnapshot, snapshotMember } from "../directory/snapshot";
import { configuredProvider } from "../providers/registry";
import type { ProviderId } from "../providers/types";
import { adapterFor } from "./members";
import { attemptOf, audited, type ChangeContext } from "./run";
import type { ChangeResult } from "./types";

/**
 * Revoking a pending invite. The id may be the provider's invite id, or the id of an
 * invited member as the directory shows it (Astronomer lists invited people as users
 * with their invites attached): then the pending invite for that email is looked up.
 */
async function resolveInvite(provider: ProviderId, id: string) {
  const adapter = adapterFor(provider);
  const label = configuredProvider(provider).label;
  if (!adapter.capabilities.revokeInvite) {
    throw new ApiError(422, "unsupported", `${label} has no API to revoke invites`);
  }
  await getSnapshots();
  const known = snapshotMember(provider, id);
  const invites = await adapter.listInvites();
  const invite =
    invites.find((i) => i.id === id) ??
    (known?.email ? invites.find((i) => normaliseEmail(i.email) === normaliseEmail(known.email!)) : undefined);
  if (!invite) throw new ApiError(404, "not_found", `No pending invite "${id}" on ${label}`);
  return { adapter, invite, directoryId: known?.id ?? invite.id };
}

export async function revokeInvite(ctx: ChangeContext, input: { provider: ProviderId; inviteId: string }): Promise<ChangeResult> {
  const { provider } = input;
  const { adapter, invite, directoryId } = await resolveInvite(provider, input.inviteId);
  const before = { role: invite.role };
  const attempt = attemptOf(ctx, {
    action: "revoke_invite",
    provider,
    target: { id: invite.id, email: invite.email },
    before,
    after: null,
  });
  const auditId = await audited(attempt, () => adapter.revokeInvite(invite.id));
  patchSnapshot(provider, (members) => members.filter((m) => !(m.id === directoryId && m.status === "invited") && m.id !== invite.id));
  return { ok: true, provider, action: "revoke_invite", targetId: invite.id, targetEmail: invite.email, before, after: null, warnings: [], auditId };
}
