"use client";

import { MailX } from "lucide-react";
import type { PendingInvite } from "@/lib/invites/types";
import { useRevokePendingInvite } from "@/lib/queries/invite-changes";
import { ChangeDialog, useDialogChange } from "@/components/members/change-dialog";
import { toastChanged } from "@/components/members/change-toast";
import { providerLabel } from "@/components/providers/provider-meta";

/** "Revoke the invite for ada@example.com to OpenAI?" */
export function RevokePendingDialog({ invite, onClose }: { invite: PendingInvite; onClose: () => void }) {
  const provider = providerLabel(invite.provider);
  const change = useDialogChange(useRevokePendingInvite, (result) => {
    toastChanged(`Revoked the invite for ${invite.email} to ${provider}`, result.warnings);
    onClose();
  });
  return (
    <ChangeDialog
      alert
      onClose={onClose}
      change={change}
      icon={<MailX aria-hidden className="text-danger-text" />}
      title={`Revoke the invite for ${invite.email} to ${provider}?`}
      description="The pending invite stops working. You can invite them again later."
      action={{
        variant: "danger",
        label: "Revoke invite",
        busyLabel: "Revoking…",
        onClick: () => change.run({ provider: invite.provider, inviteId: invite.id }),
      }}
    />
  );
}
