"use client";

import { UserCog, UserMinus } from "lucide-react";
import type { Person } from "@/lib/directory/types";
import { GatedButton } from "@/components/members/gated-button";
import { useMemberDialogs } from "@/components/members/member-dialogs-provider";
import { NEEDS_ADMIN, useCanChangeMembers } from "@/components/shell/operator-context";

/** "Change role…" and "Remove from…" for the selected people; disabled, with the reason, for non-admins. */
export function UsersBulkActions({ people }: { people: Person[] }) {
  const dialogs = useMemberDialogs();
  const state = useCanChangeMembers() ? { enabled: true } : { enabled: false, reason: NEEDS_ADMIN };
  return (
    <>
      <GatedButton size="sm" state={state} onClick={() => dialogs.open({ kind: "bulk-change-role", people })}>
        <UserCog aria-hidden />
        <span className="sr-only sm:not-sr-only">Change role…</span>
      </GatedButton>
      <GatedButton size="sm" state={state} onClick={() => dialogs.open({ kind: "bulk-remove", people })}>
        <UserMinus aria-hidden />
        <span className="sr-only sm:not-sr-only">Remove from…</span>
      </GatedButton>
    </>
  );
}
