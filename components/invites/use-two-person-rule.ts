"use client";

import { useQuery } from "@tanstack/react-query";
import { inviteRequestsQueryOptions } from "@/lib/queries/invites";

/**
 * Whether admin-level grants, new Arthur users and new service accounts wait for a second
 * admin (the server decides; this only words the dialogs): true unless the direct policy
 * (ROSTER_DIRECT_INVITES=admins) lets an admin act alone. True while the policy loads.
 */
export function useTwoPersonRule(): boolean {
  const policy = useQuery({ ...inviteRequestsQueryOptions({ mine: false }), select: (data) => data.policy });
  return policy.data?.directInvites !== true;
}
