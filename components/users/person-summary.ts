import type { Membership, Person } from "@/lib/directory/types";

/** Derived, display-only facts about one person (one row). */

export function personStatus(person: Person): { active: number; invited: number } {
  let active = 0;
  let invited = 0;
  for (const membership of person.memberships) {
    if (membership.status === "invited") invited += 1;
    else active += 1;
  }
  return { active, invited };
}

export function isServiceAccount(person: Person): boolean {
  return person.memberships.length > 0 && person.memberships.every((m) => m.kind === "service_account");
}

/** Earliest addedAt over the person's memberships. */
export function earliestAddedAt(person: Person): string | null {
  let earliest: string | null = null;
  for (const membership of person.memberships) {
    if (membership.addedAt && (!earliest || Date.parse(membership.addedAt) < Date.parse(earliest))) {
      earliest = membership.addedAt;
    }
  }
  return earliest;
}

export function distinctRoles(person: Person): string[] {
  return [...new Set(person.memberships.map((m) => m.role).filter(Boolean))];
}

export function workspaceRoleSummary(membership: Membership): string | null {
  const scoped = membership.scopedRoles ?? [];
  if (scoped.length === 0) return null;
  return scoped.map((s) => `${s.scopeName}: ${s.role}`).join("\n");
}

export function initialsOf(text: string): string {
  const words = text.split(/[\s@._-]+/).filter(Boolean);
  if (words.length === 0) return "?";
  return (words.length > 1 ? `${words[0][0]}${words[1][0]}` : words[0].slice(0, 2)).toUpperCase();
}
