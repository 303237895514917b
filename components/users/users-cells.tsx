import { Bot, User } from "lucide-react";
import Link from "next/link";
import { personHref } from "@/lib/queries/people";
import type { Person } from "@/lib/directory/types";
import { RelativeTime } from "@/components/common/relative-time";
import { StatusDot } from "@/components/ui/badge";
import { providerLabel } from "@/components/providers/provider-meta";
import { MembershipBadge } from "./membership-badge";
import { OutsideMark } from "@/components/outside/outside-mark";
import { roleLabel } from "@/lib/providers/role-label";
import { rolesByProvider, earliestAddedAt, lastActivity, initialsOf, isServiceAccount, personStatus } from "./person-summary";

export function NameCell({ person }: { person: Person }) {
  const first = person.memberships[0];
  const service = isServiceAccount(person);
  const title = person.name || person.email || first?.id || person.key;
  return (
    <div className="flex max-w-52 min-w-0 items-center gap-3">
      <span
        aria-hidden={service ? undefined : true}
        role={service ? "img" : undefined}
        aria-label={service ? "Service account" : undefined}
        className="flex size-8 shrink-0 items-center justify-center rounded-full bg-muted text-[11px] font-semibold text-muted-foreground ring-1 ring-border"
      >
        {service ? <Bot aria-hidden className="size-4" /> : initialsOf(title)}
      </span>
      <div className="min-w-0">
        {person.email ? (
          <div className="flex min-w-0 items-center gap-1.5">
            <Link
              href={personHref(person.email)}
              // One link per row: prefetching them all on every load and search would send
              // dozens of requests that compete with the search itself.
              prefetch={false}
              className="block truncate rounded-sm font-medium text-foreground underline-offset-2 hover:underline"
              title={title}
            >
              {title}
            </Link>
            <OutsideMark person={person} />
          </div>
        ) : (
          <div className="truncate font-medium text-foreground" title={title}>
            {title}
          </div>
        )}
        {person.email ? (
          <div className="truncate text-xs text-muted-foreground" title={person.email}>
            {person.email}
          </div>
        ) : first ? (
          <div className="truncate text-xs text-muted-foreground" title={`${providerLabel(first.provider)} id`}>
            {providerLabel(first.provider)} · <span className="font-mono">{first.id}</span>
          </div>
        ) : null}
      </div>
    </div>
  );
}

export function ProvidersCell({ person }: { person: Person }) {
  return (
    <div className="flex max-w-60 flex-wrap gap-1">
      {person.memberships.map((membership) => (
        <MembershipBadge key={`${membership.provider}:${membership.id}`} membership={membership} />
      ))}
    </div>
  );
}

/** Each role with the provider it is on: "OpenAI Owner", "Astronomer Organization Member". */
export function RolesCell({ person }: { person: Person }) {
  const roles = rolesByProvider(person);
  if (roles.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <ul className="w-48 space-y-0.5 text-[13px]">
      {roles.map(({ provider, role }) => (
        <li
          key={`${provider}:${role}`}
          className="flex min-w-0 items-baseline gap-1.5"
          title={`${providerLabel(provider)}: ${roleLabel(role)}`}
        >
          <span className="shrink-0 text-xs text-muted-foreground">{providerLabel(provider)}</span>
          <span className="truncate text-foreground">{roleLabel(role)}</span>
        </li>
      ))}
    </ul>
  );
}

export function StatusCell({ person }: { person: Person }) {
  const { active, invited } = personStatus(person);
  if (active === 0 && invited > 0) {
    return (
      <span className="inline-flex items-center gap-1.5 whitespace-nowrap text-amber-700 dark:text-amber-300">
        <StatusDot className="bg-amber-500" />
        Invited
      </span>
    );
  }
  return (
    <span className="inline-flex flex-col gap-0.5 whitespace-nowrap">
      <span className="inline-flex items-center gap-1.5 text-foreground">
        <StatusDot className="bg-emerald-500" />
        Active
      </span>
      {invited > 0 ? (
        <span className="pl-3 text-xs text-muted-foreground">
          +{invited} invite{invited === 1 ? "" : "s"}
        </span>
      ) : null}
    </span>
  );
}

export function KindCell({ person }: { person: Person }) {
  const service = isServiceAccount(person);
  const Icon = service ? Bot : User;
  return (
    <span className="inline-flex items-center gap-1.5 text-muted-foreground">
      <Icon aria-hidden className="size-3.5 shrink-0" />
      {service ? "Service account" : "Person"}
    </span>
  );
}

export function AddedCell({ person }: { person: Person }) {
  const added = earliestAddedAt(person);
  if (!added) return <span className="text-muted-foreground">—</span>;
  return <RelativeTime iso={added} titlePrefix="Added" className="block max-w-24 truncate text-muted-foreground tabular" />;
}

/** "3 days ago", "Never" (the provider says so) or "Unknown" (no provider tells). */
export function LastActiveCell({ person }: { person: Person }) {
  const last = lastActivity(person);
  if (last === "never") return <span className="text-amber-700 dark:text-amber-300">Never</span>;
  if (last === "unknown") {
    return (
      <span className="text-muted-foreground" title="None of this person's providers reports activity">
        Unknown
      </span>
    );
  }
  return <RelativeTime iso={last} titlePrefix="Last active" className="block max-w-28 truncate text-muted-foreground tabular" />;
}
