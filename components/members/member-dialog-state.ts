import type { PersonDetailResponse } from "@/lib/changes/types";
import type { Membership, Person } from "@/lib/directory/types";

/** Who a change is about, as the dialogs name them. */
export interface MemberSubject {
  name: string;
  email: string | null;
  /** True when this is the signed-in operator (known on the person page). */
  isSelf?: boolean;
}

export interface MemberTarget {
  person: MemberSubject;
  membership: Membership;
}

/**
 * Which dialog is open, and for what: one host renders at most one of these, so no row
 * mounts a modal of its own. Each dialog keeps what it needs, so it stays put while the
 * list behind it refetches (a removed row disappears, the dialog does not).
 */
export type MemberDialog =
  | { kind: "change-role"; target: MemberTarget; /** Preselected from the row menu's radio group. */ role?: string; workspaceId?: string }
  | { kind: "remove"; target: MemberTarget }
  | { kind: "revoke-invite"; target: MemberTarget }
  | { kind: "bulk-change-role"; people: Person[] }
  | { kind: "bulk-remove"; people: Person[] }
  | { kind: "offboard"; person: PersonDetailResponse };

export type MemberDialogKind = MemberDialog["kind"];

/** "Ada Lovelace", else the email, else the provider's id. */
export function subjectName(person: { name?: string | null; email?: string | null }, fallback = "this member"): string {
  return person.name?.trim() || person.email || fallback;
}

export function subjectOf(person: Person | PersonDetailResponse, isSelf?: boolean): MemberSubject {
  return { name: subjectName(person, "key" in person ? person.key : undefined), email: person.email, isSelf };
}
