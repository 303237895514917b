"use client";

import { MailX } from "lucide-react";
import { useRevokeInvite } from "@/lib/queries/members";
import { providerLabel } from "@/components/providers/provider-meta";
import { ChangeDialog } from "./change-dialog";
import { MembershipLine } from "./change-dialog-parts";
import { toastChanged } from "./change-toast";
import type { MemberTarget } from "./member-dialog-state";
import { useChangeFlow } from "./use-change-flow";

/** "Revoke Ada Lovelace's invite to Astronomer?" */
export function RevokeInviteDialog({ target, onClose }: { target: MemberTarget; onClose: () => void }) {
  const { person, membership } = target;
  const provider = providerLabel(membership.provider);
  const flow = useChangeFlow();
  const mutation = useRevokeInvite({
    onSuccess: (result) => {
      toastChanged(`Revoked ${person.name}'s invite to ${provider}`, result.warnings);
      onClose();
    },
    onError: flow.onError,
  });

  return (
    <ChangeDialog
      alert
      onClose={onClose}
      change={{ busy: mutation.isPending, error: flow.error }}
      icon={<MailX aria-hidden className="text-danger-text" />}
      title={`Revoke ${person.name}'s invite to ${provider}?`}
      description={`The pending invite${person.email ? ` for ${person.email}` : ""} stops working. You can invite them again later.`}
      action={{
        variant: "danger",
        label: "Revoke invite",
        busyLabel: "Revoking…",
        onClick: () => {
          flow.begin();
          mutation.mutate({ provider: membership.provider, inviteId: membership.id });
        },
      }}
    >
      <MembershipLine membership={membership} />
    </ChangeDialog>
  );
}
