import type { Invite, ListProgress, Member } from "../types";
import type { WireInvite, WireUser } from "./schemas";

/** Shown when the current spec's nullable `role` is null (e.g. a member holding only RBAC roles). */
export const UNKNOWN_ROLE = "unknown";

export function unixToIso(seconds: number | null | undefined): string | null {
  return seconds == null ? null : new Date(seconds * 1000).toISOString();
}

export function toMember(user: WireUser): Member {
  const role = user.role ?? UNKNOWN_ROLE;
  const email = user.email ?? user.user?.email ?? null;
  return {
    provider: "openai",
    id: user.id,
    email,
    name: user.name ?? user.user?.name ?? email ?? user.id,
    role,
    roleId: role,
    // Organization users have joined; pending people are invites (listInvites), not users.
    status: "active",
    kind: user.is_service_account ? "service_account" : "person",
    addedAt: unixToIso(user.added_at),
    managed: user.is_scim_managed === true,
  };
}

/** Accepts both the current (`created_at`) and the older (`invited_at`) invite shape. */
export function toInvite(invite: WireInvite): Invite {
  const sentAt = "created_at" in invite ? invite.created_at : invite.invited_at;
  return {
    provider: "openai",
    id: invite.id,
    email: invite.email,
    role: invite.role,
    createdAt: unixToIso(sentAt),
    expiresAt: unixToIso(invite.expires_at),
  };
}

export function isPendingInvite(invite: WireInvite): boolean {
  return invite.status === "pending";
}

interface CursorPage<T> {
  data: T[];
  has_more: boolean;
  last_id?: string | null;
}

/**
 * Every page of a cursor list. The next cursor is the previous page's `last_id`, so
 * pages cannot be fetched in parallel; the total is unknown until the last page.
 */
export async function collectPages<T extends { id: string }>(
  fetchPage: (after: string | undefined) => Promise<CursorPage<T>>,
  onProgress?: (progress: ListProgress) => void,
): Promise<T[]> {
  const all: T[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await fetchPage(after);
    for (const item of page.data) all.push(item);
    onProgress?.({ fetched: all.length, total: page.has_more ? null : all.length });
    const next = page.last_id ?? page.data.at(-1)?.id;
    // A cursor that does not move would loop forever: stop instead.
    if (!page.has_more || !next || next === after) return all;
    after = next;
  }
}
