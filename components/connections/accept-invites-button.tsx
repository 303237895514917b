"use client";

import { MailCheck } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { hasRole } from "@/lib/auth/roles";
import { useQueryClient } from "@tanstack/react-query";
import { connectionsKeys } from "@/lib/queries/keys";
import { ChangeErrorCallout } from "@/components/members/change-dialog-parts";
import { GatedButton } from "@/components/members/gated-button";
import { useAcceptArthurInvites } from "@/components/service-accounts/service-accounts-queries";
import { useOperator } from "@/components/shell/operator-context";
import { Button } from "@/components/ui/button";
import { Modal, ModalClose } from "@/components/ui/dialog";

/** Owner-only: accept the pending invitations of Roster's own Arthur identity. */
export function AcceptArthurInvitesButton({ configured }: { configured: boolean }) {
  const operator = useOperator();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const mutation = useAcceptArthurInvites({
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: connectionsKeys.all });
      toast.success("Accepted Arthur's pending invitations", { description: "Roster's Arthur identity joined what it was invited to." });
      setOpen(false);
    },
    onError: setError,
  });
  const state = !hasRole(operator.role, "owner")
    ? { enabled: false, reason: "Needs the owner role" }
    : !configured
      ? { enabled: false, reason: "Arthur is not configured" }
      : { enabled: true };
  const busy = mutation.isPending;
  return (
    <>
      <GatedButton
        state={state}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        <MailCheck aria-hidden />
        Accept pending invitations
      </GatedButton>
      <Modal
        open={open}
        onOpenChange={(next) => (next ? undefined : setOpen(false))}
        busy={busy}
        icon={<MailCheck aria-hidden />}
        title="Accept Arthur's pending invitations?"
        description="Roster's own Arthur identity accepts every invitation waiting for it, and joins those organizations and workspaces."
        footer={
          <>
            <ModalClose disabled={busy} />
            <Button
              variant="primary"
              disabled={busy}
              aria-busy={busy}
              onClick={() => {
                setError(null);
                mutation.mutate();
              }}
            >
              {busy ? "Accepting…" : "Accept invitations"}
            </Button>
          </>
        }
      >
        {error ? <ChangeErrorCallout error={error} /> : null}
      </Modal>
    </>
  );
}
