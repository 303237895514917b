"use client";

import { useQuery } from "@tanstack/react-query";
import { ExternalLink } from "lucide-react";
import type { Person } from "@/lib/directory/types";
import { recentOutsideQueryOptions } from "@/lib/queries/outside";

/** Whether anyone of these was changed on a provider outside Roster in the last 30 days. */
export function useChangedOutside(person: Pick<Person, "email" | "memberships">): boolean {
  const recent = useQuery(recentOutsideQueryOptions());
  if (!recent.data) return false;
  return (
    (person.email !== null && recent.data.emails.has(person.email)) ||
    person.memberships.some((m) => recent.data.members.has(`${m.provider}:${m.id}`))
  );
}

/** The users table's compact mark: an amber icon, named for screen readers and on hover. */
export function OutsideMark({ person }: { person: Pick<Person, "email" | "memberships"> }) {
  if (!useChangedOutside(person)) return null;
  return (
    <span
      role="img"
      aria-label="Changed outside Roster lately"
      title="Changed on a provider outside Roster in the last 30 days"
      data-testid="outside-mark"
      className="inline-flex size-4 shrink-0 items-center justify-center rounded-sm bg-amber-50 text-amber-700 ring-1 ring-amber-600/25 ring-inset dark:bg-amber-400/10 dark:text-amber-300 dark:ring-amber-400/25"
    >
      <ExternalLink aria-hidden className="size-2.5" />
    </span>
  );
}
