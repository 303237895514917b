"use client";

import { useQuery } from "@tanstack/react-query";
import { MailPlus } from "lucide-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import { hasRole } from "@/lib/auth/roles";
import { inviteRequestsQueryOptions } from "@/lib/queries/invites";
import { GatedButton } from "@/components/members/gated-button";
import { useOperator } from "@/components/shell/operator-context";
import type { ButtonSize } from "@/components/ui/button";

// The dialog's script loads the first time it opens (the users page shows this button).
const InviteDialog = dynamic(() => import("./invite-dialog").then((m) => m.InviteDialog), { ssr: false });

/**
 * "Invite people" and its dialog, self-contained so any page can place it (the Invites
 * page; the users toolbar). Disabled, saying why, for viewers.
 */
export function InvitePeopleButton({ size = "md" }: { size?: ButtonSize }) {
  const operator = useOperator();
  const [open, setOpen] = useState(false);
  const canRequest = hasRole(operator.role, "requester");
  const isAdmin = hasRole(operator.role, "admin");
  // Shares its cache with the approval queue's default list.
  const policy = useQuery({ ...inviteRequestsQueryOptions({ mine: false }), select: (data) => data.policy, enabled: open });
  return (
    <>
      <GatedButton
        variant="primary"
        size={size}
        state={{ enabled: canRequest, reason: "Needs the requester role" }}
        onClick={() => setOpen(true)}
      >
        <MailPlus aria-hidden />
        Invite people
      </GatedButton>
      {open ? <InviteDialog onClose={() => setOpen(false)} policy={policy.data} isAdmin={isAdmin} /> : null}
    </>
  );
}
