import { ApiError } from "../api/errors";
import { normaliseEmail } from "../email";
import { getSnapshots, patchSnapshot, snapshotMember } from "../directory/snapshot";
import { configuredProvider } from "../providers/registry";
import type { Invite, ProviderId } from "../providers/types";
import { adapterFor } from "./members";
import { attemptOf, auditedChange, type ChangeContext } from "../audit/change";
import type { ChangeResult } from "./types";
import type { ApprovalRequiredResponse } from "../invites/types";
import { checkMassChange } from "./mass-change";

/**
 * Revoking a pending invite. The id may be the provider's invite id, or the id of an
 * invited member as the directory shows it (Astronomer lists invited people as users
 * with their invites attached): then the pending invite for that email is looked up.
 */
export async function resolveInvite(provider: ProviderId, id: string, knownEmail: string | null) {
  const adapter = adapterFor(provider);
  const label = configuredProvider(provider).label;
  if (!adapter.capabilities.revokeInvite) throw new ApiError("unsupported", `${label} has no API to revoke invites`);
  const invites = await adapter.listInvites();
  const invite =
    invites.find((i) => i.id === id) ??
    (knownEmail ? invites.find((i) => normaliseEmail(i.email) === normaliseEmail(knownEmail)) : undefined);
  if (!invite) throw new ApiError("not_found", `No pending invite "${id}" on ${label}`);
  return { adapter, invite };
}

export async function revokeInvite(
  ctx: ChangeContext,
  input: { provider: ProviderId; inviteId: string },
): Promise<ChangeResult | ApprovalRequiredResponse> {
  const { provider, inviteId } = input;
  await getSnapshots();
  const known = snapshotMember(provider, inviteId);
  const held = await checkMassChange(ctx, [{ action: "revoke_invite", provider, inviteId, email: known?.email ?? null }]);
  if (held) return held;
  const before = { role: known?.role ?? null };
  const attempt = attemptOf(ctx, {
    action: "revoke_invite",
    provider,
    target: { id: inviteId, email: known?.email ?? null },
    before,
    after: null,
  });
  let revoked: Invite | undefined;
  const auditId = await auditedChange(attempt, async () => {
    const { adapter, invite } = await resolveInvite(provider, inviteId, known?.email ?? null);
    await adapter.revokeInvite(invite.id);
    revoked = invite;
  });
  const invite = revoked!;
  await patchSnapshot(provider, (members) => members.filter((m) => !(m.id === inviteId && m.status === "invited") && m.id !== invite.id));
  return {
    ok: true,
    provider,
    action: "revoke_invite",
    targetId: invite.id,
    targetEmail: invite.email,
    before: { role: invite.role },
    after: null,
    warnings: [],
    auditId,
  };
}
