import type { ReadReport } from "../read-report";
import { type ItemSpec, type Tolerated, unixSecondsLenient } from "../tolerant";
import type { Invite, ListProgress, Member } from "../types";
import { isOpenAIRole } from "./roles";
import {
  adminApiKeySchema,
  type CursorEnvelope,
  inviteReadSchema,
  projectSchema,
  projectUserSchema,
  userSchema,
  type WireAdminApiKey,
  type WireInvite,
  type WireUser,
} from "./schemas";

/** Shown when the current spec's nullable `role` is null (e.g. a member holding only RBAC roles). */
export const UNKNOWN_ROLE = "unknown";

const times = (...fields: string[]) => Object.fromEntries(fields.map((field) => [field, unixSecondsLenient]));

/** How each OpenAI object is read liberally (lib/providers/tolerant.ts). */
export const USER_ITEM: ItemSpec<typeof userSchema> = {
  item: "user",
  schema: userSchema,
  lenient: times("added_at", "api_key_last_used_at"),
};
export const INVITE_ITEM: ItemSpec<typeof inviteReadSchema> = {
  item: "invite",
  schema: inviteReadSchema,
  lenient: times("created_at", "invited_at", "expires_at", "accepted_at"),
};
export const ADMIN_KEY_ITEM: ItemSpec<typeof adminApiKeySchema> = {
  item: "admin_api_key",
  schema: adminApiKeySchema,
  lenient: times("created_at", "expires_at", "last_used_at", "owner.created_at"),
};

export const PROJECT_ITEM: ItemSpec<typeof projectSchema> = {
  item: "project",
  schema: projectSchema,
  lenient: times("created_at", "archived_at"),
};
export const PROJECT_USER_ITEM: ItemSpec<typeof projectUserSchema> = {
  item: "project_user",
  schema: projectUserSchema,
  lenient: times("added_at"),
};

export type ReadUser = Tolerated<WireUser>;
export type ReadAdminKey = Tolerated<WireAdminApiKey>;
/** An invite of either spec's shape, as read. */
export type ReadInvite = Tolerated<WireInvite> & { created_at?: number | null; invited_at?: number | null };

export function unixToIso(seconds: number | null | undefined): string | null {
  return seconds == null ? null : new Date(seconds * 1000).toISOString();
}

/** A role Roster has no catalogue entry for is kept as OpenAI spells it, and noted. */
function roleOf(role: string | null | undefined, what: string, report?: ReadReport): string {
  if (!role) return UNKNOWN_ROLE;
  if (!isOpenAIRole(role)) report?.deviation(`${what}.role unknown`, role);
  return role;
}

export function toMember(user: ReadUser, report?: ReadReport): Member {
  const role = roleOf(user.role, "user", report);
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
    // Absent on the wire: OpenAI does not tell (unknown); null: no key of theirs was ever used.
    ...(user.api_key_last_used_at !== undefined ? { lastActiveAt: unixToIso(user.api_key_last_used_at) } : {}),
  };
}

/** Accepts both the current (`created_at`) and the older (`invited_at`) invite shape. */
export function toInvite(invite: ReadInvite, report?: ReadReport): Invite {
  const role = roleOf(invite.role, "invite", report);
  return {
    provider: "openai",
    id: invite.id,
    email: invite.email ?? "",
    role,
    createdAt: unixToIso(invite.created_at ?? invite.invited_at),
    expiresAt: unixToIso(invite.expires_at),
  };
}

/** Accepted and expired invites are not pending; one whose status Roster cannot read is shown (and noted). */
export function isPendingInvite(invite: ReadInvite): boolean {
  return invite.status !== "accepted" && invite.status !== "expired";
}

/** A page of a cursor list: the envelope and its items as read. */
export interface CursorPage<T> {
  envelope: CursorEnvelope;
  items: T[];
}

/**
 * Every page of a cursor list. The next cursor is the previous page's `last_id` (else
 * the last raw item's id), so pages cannot be fetched in parallel; the total is unknown
 * until the last page.
 */
export async function collectPages<T>(
  fetchPage: (after: string | undefined) => Promise<CursorPage<T>>,
  onProgress?: (progress: ListProgress) => void,
): Promise<T[]> {
  const all: T[] = [];
  let after: string | undefined;
  for (;;) {
    const { envelope, items } = await fetchPage(after);
    for (const item of items) all.push(item);
    onProgress?.({ fetched: all.length, total: envelope.has_more ? null : all.length });
    const next = envelope.last_id ?? lastRawId(envelope.data);
    // A cursor that does not move would loop forever: stop instead.
    if (!envelope.has_more || !next || next === after) return all;
    after = next;
  }
}

function lastRawId(data: unknown[]): string | undefined {
  const last = data.at(-1) as { id?: unknown } | null | undefined;
  return typeof last?.id === "string" ? last.id : undefined;
}
