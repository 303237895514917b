"use client";

import { MailX } from "lucide-react";
import { useState } from "react";
import type { PendingInvite } from "@/lib/invites/types";
import { useRevokePendingInvite } from "@/lib/queries/invite-changes";
import { ChangeErrorCallout } from "@/components/members/change-dialog-parts";
import { toastChanged } from "@/components/members/change-toast";
import { providerLabel } from "@/components/providers/provider-meta";
import { Modal, ModalActions } from "@/components/ui/dialog";

/** "Revoke the invite for ada@example.com to OpenAI?" */
export function RevokePendingDialog({ invite, onClose }: { invite: PendingInvite; onClose: () => void }) {
  const provider = providerLabel(invite.provider);
  const [error, setError] = useState<Error | null>(null);
  const mutation = useRevokePendingInvite({
    onSuccess: (result) => {
      toastChanged(`Revoked the invite for ${invite.email} to ${provider}`, result.warnings);
      onClose();
    },
    onError: setError,
  });
  const busy = mutation.isPending;
  return (
    <Modal
      alert
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      busy={busy}
      icon={<MailX aria-hidden className="text-danger-text" />}
      title={`Revoke the invite for ${invite.email} to ${provider}?`}
      description="The pending invite stops working. You can invite them again later."
      footer={
        <ModalActions
          busy={busy}
          variant="danger"
          label="Revoke invite"
          busyLabel="Revoking…"
          onClick={() => {
            setError(null);
            mutation.mutate({ provider: invite.provider, inviteId: invite.id });
          }}
        />
      }
    >
      <ChangeErrorCallout error={error} />
    </Modal>
  );
}
