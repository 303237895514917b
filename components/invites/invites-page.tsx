"use client";

import { useCallback, useState } from "react";
import { hasRole } from "@/lib/auth/roles";
import type { InviteRequest, PendingInvite } from "@/lib/invites/types";
import { useOperator } from "@/components/shell/operator-context";
import { ApproveDialog, CancelRequestDialog, RejectDialog } from "./decision-dialogs";
import { InvitePeopleButton } from "./invite-people-button";
import { PendingInvitesSection } from "./pending-invites-section";
import type { RequestAction } from "./request-card";
import { RequestsSection } from "./requests-section";
import { RevokePendingDialog } from "./revoke-pending-dialog";

/** Which dialog is open, for which row: one host instead of a modal in every row. */
type DialogState = { kind: RequestAction; request: InviteRequest } | { kind: "revoke"; invite: PendingInvite } | null;

/** The approval queue and every pending invite on every provider. */
export function InvitesPage() {
  const operator = useOperator();
  const isAdmin = hasRole(operator.role, "admin");
  const [dialog, setDialog] = useState<DialogState>(null);
  const close = useCallback(() => setDialog(null), []);
  const onAction = useCallback((kind: RequestAction, request: InviteRequest) => setDialog({ kind, request }), []);
  const onRevoke = useCallback((invite: PendingInvite) => setDialog({ kind: "revoke", invite }), []);

  return (
    <div className="mx-auto w-full max-w-[1440px] space-y-8 px-4 py-6 sm:px-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="max-w-2xl text-[13px] text-muted-foreground">
          Ask for invites here; an admin other than you approves them, and Roster sends one invite per email and provider, skipping people
          who are already members or already invited.
        </p>
        <InvitePeopleButton />
      </div>

      <RequestsSection operator={operator} onAction={onAction} />
      <PendingInvitesSection isAdmin={isAdmin} onRevoke={onRevoke} />

      {dialog?.kind === "approve" ? <ApproveDialog request={dialog.request} onClose={close} /> : null}
      {dialog?.kind === "reject" ? <RejectDialog request={dialog.request} onClose={close} /> : null}
      {dialog?.kind === "cancel" ? <CancelRequestDialog request={dialog.request} onClose={close} /> : null}
      {dialog?.kind === "revoke" ? <RevokePendingDialog invite={dialog.invite} onClose={close} /> : null}
    </div>
  );
}
