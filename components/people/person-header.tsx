"use client";

import { UserX } from "lucide-react";
import type { PersonDetailResponse } from "@/lib/changes/types";
import { plural } from "@/components/common/format";
import { Badge } from "@/components/ui/badge";
import { GatedButton } from "@/components/members/gated-button";
import { useMemberDialogs } from "@/components/members/member-dialogs-provider";
import { NEEDS_ADMIN, useCanChangeMembers } from "@/components/shell/operator-context";
import { initialsOf } from "@/components/users/person-summary";
import { useChangedOutside } from "@/components/outside/outside-mark";
import { OutsideBadge } from "@/components/outside/outside-words";

/** Avatar, name, email, "You", counts and "Remove everywhere". */
export function PersonHeader({ person }: { person: PersonDetailResponse }) {
  const dialogs = useMemberDialogs();
  const canChange = useCanChangeMembers();
  const invited = person.memberships.filter((m) => m.status === "invited").length;
  const active = person.memberships.length - invited;
  const name = person.name || person.email;
  const changedOutside = useChangedOutside(person);
  const state = !canChange
    ? { enabled: false, reason: NEEDS_ADMIN }
    : person.memberships.length === 0
      ? { enabled: false, reason: "Nothing left to remove" }
      : { enabled: true };

  return (
    <header className="flex flex-col gap-4 rounded-xl border border-border bg-surface px-5 py-4 shadow-xs sm:flex-row sm:items-center">
      <span
        aria-hidden
        className="flex size-12 shrink-0 items-center justify-center rounded-full bg-muted text-sm font-semibold text-muted-foreground ring-1 ring-border"
      >
        {initialsOf(name)}
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="truncate text-lg font-semibold tracking-tight">{name}</h2>
          {person.isSelf ? (
            <Badge tone="info" title="This is you: changes to your own memberships ask you to confirm">
              You
            </Badge>
          ) : null}
          {changedOutside ? <OutsideBadge /> : null}
        </div>
        <p className="truncate text-[13px] text-muted-foreground">{person.email}</p>
        <p className="mt-1 text-xs text-muted-foreground tabular">
          {plural(active, "membership")}
          {invited > 0 ? ` · ${plural(invited, "pending invite")}` : ""}
        </p>
      </div>
      <GatedButton variant="danger" size="md" state={state} onClick={() => dialogs.open({ kind: "offboard", person })}>
        <UserX aria-hidden />
        Remove everywhere
      </GatedButton>
    </header>
  );
}
