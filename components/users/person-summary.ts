import type { Membership, Person } from "@/lib/directory/types";
import { roleLabel } from "@/lib/providers/role-label";

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

/** Each provider's role, once per provider and role (a person may hold several memberships on one). */
export function rolesByProvider(person: Person): Array<{ provider: Membership["provider"]; role: string }> {
  const seen = new Set<string>();
  const out: Array<{ provider: Membership["provider"]; role: string }> = [];
  for (const { provider, role } of person.memberships) {
    const key = `${provider}\u0000${role}`;
    if (!role || seen.has(key)) continue;
    seen.add(key);
    out.push({ provider, role });
  }
  return out;
}

type Scoped = NonNullable<Membership["scopedRoles"]>[number];

/** `Analytics: WORKSPACE_MEMBER (via team Analysts)`, or why the role is unknown. */
export function scopedRoleText(s: Scoped): string {
  const via = s.via ? ` (via ${s.via.kind} ${s.via.name})` : "";
  return `${s.scope === "project" ? `Project ${s.scopeName}` : s.scopeName}: ${roleLabel(s.role)}${via}${s.unreadable ? ` (could not be read: ${s.unreadable})` : ""}`;
}

/** The workspace roles held directly and known: the ones a role change or removal applies to. */
export function directScopedRoles(membership: Membership): Scoped[] {
  return (membership.scopedRoles ?? []).filter((s) => !s.via && !s.unreadable);
}

export function workspaceRoleSummary(membership: Membership): string | null {
  const scoped = membership.scopedRoles ?? [];
  if (scoped.length === 0) return null;
  return scoped.map(scopedRoleText).join("\n");
}

export function initialsOf(text: string): string {
  const words = text.split(/[\s@._-]+/).filter(Boolean);
  if (words.length === 0) return "?";
  return (words.length > 1 ? `${words[0][0]}${words[1][0]}` : words[0].slice(0, 2)).toUpperCase();
}

/**
 * The person's latest activity any provider reports: an ISO time, "never" when the providers
 * that tell say never, or "unknown" when none tells.
 */
export function lastActivity(person: Person): string | "never" | "unknown" {
  let latest: string | "never" | "unknown" = "unknown";
  for (const { lastActiveAt } of person.memberships) {
    if (lastActiveAt === undefined) continue;
    if (lastActiveAt === null) {
      if (latest === "unknown") latest = "never";
    } else if (latest === "unknown" || latest === "never" || Date.parse(lastActiveAt) > Date.parse(latest)) {
      latest = lastActiveAt;
    }
  }
  return latest;
}
