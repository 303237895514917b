"use client";

import { useQuery } from "@tanstack/react-query";
import type { Membership } from "@/lib/directory/types";
import type { ProviderId } from "@/lib/providers/types";
import { connectionsQueryOptions } from "@/lib/queries/connections";
import { providerLabel } from "@/components/providers/provider-meta";
import { NEEDS_ADMIN, useCanChangeMembers } from "@/components/shell/operator-context";

export interface ActionState {
  enabled: boolean;
  /** Why it is disabled, shown in a tooltip or under the menu item. */
  reason?: string;
}

/** The actions one membership offers; an absent key means the action does not apply. */
export interface MembershipActions {
  changeRole?: ActionState;
  remove?: ActionState;
  revokeInvite?: ActionState;
}

const OK: ActionState = { enabled: true };

/**
 * Mirrors the server's rules for one membership: members can change role or be removed,
 * pending invites can be revoked where the provider's API allows it, and only admins
 * (and owners) may do any of it.
 */
export function membershipActions(
  membership: Membership,
  canChange: boolean,
  canRevokeOn: (provider: ProviderId) => boolean,
): MembershipActions {
  const gate = canChange ? OK : { enabled: false, reason: NEEDS_ADMIN };
  if (membership.status === "invited") {
    if (!canChange) return { revokeInvite: gate };
    return canRevokeOn(membership.provider)
      ? { revokeInvite: OK }
      : { revokeInvite: { enabled: false, reason: `${providerLabel(membership.provider)}'s API cannot revoke invites` } };
  }
  return { changeRole: gate, remove: gate };
}

/** `membershipActions` with the operator's role and each provider's capabilities filled in. */
export function useMembershipActions(): (membership: Membership) => MembershipActions {
  const canChange = useCanChangeMembers();
  // Capabilities only matter for pending invites; unknown (still loading) counts as allowed.
  const connections = useQuery({ ...connectionsQueryOptions(), enabled: canChange, staleTime: 5 * 60_000 });
  const canRevokeOn = (provider: ProviderId) =>
    connections.data?.connections.find((c) => c.id === provider)?.capabilities.revokeInvite ?? true;
  return (membership) => membershipActions(membership, canChange, canRevokeOn);
}
