"use client";

import { Ban, MailCheck, XCircle } from "lucide-react";
import { useId, useState } from "react";
import { toast } from "sonner";
import { describeChange } from "@/lib/invites/describe-change";
import type { InviteRequest, InviteRequestResponse } from "@/lib/invites/types";
import { CredentialsDialog, OneTimePasswordDialog } from "@/components/service-accounts/credentials-dialog";
import { useApproveInviteRequest, useCancelInviteRequest, useRejectInviteRequest } from "@/lib/queries/invite-changes";
import { plural } from "@/components/common/format";
import { ChangeDialog, useDialogChange } from "@/components/members/change-dialog";
import { ChangeErrorCallout } from "@/components/members/change-dialog-parts";
import { toastChanged } from "@/components/members/change-toast";
import { GatedButton } from "@/components/members/gated-button";
import { providerLabel } from "@/components/providers/provider-meta";
import { cn } from "@/components/ui/cn";
import { Modal, ModalActions, ModalClose } from "@/components/ui/dialog";
import { inputClassName, Label } from "@/components/ui/input";
import { LengthLimit } from "@/components/ui/text-field";
import { orderedProviders } from "./request-status";
import { roleLabel } from "@/lib/providers/role-label";
import { INPUT_LIMITS } from "@/lib/limits";

interface DecisionDialogProps {
  request: InviteRequest;
  onClose: () => void;
}

const textareaClassName = cn(inputClassName, "h-auto min-h-16 resize-y py-2 leading-5");

function summary(request: InviteRequest): string {
  if (request.change) return describeChange(request.change);
  const providers = orderedProviders(request)
    .map((p) => `${providerLabel(p.provider)} as ${roleLabel(p.role)}`)
    .join(", ");
  return `${plural(request.emails.length, "email")} on ${providers}`;
}

function RequestSummary({ request }: { request: InviteRequest }) {
  return (
    <div className="space-y-1 rounded-lg border border-border bg-subtle px-3 py-2">
      <p>
        <span className="text-muted-foreground">Asked by </span>
        {request.requester.email}
      </p>
      <p>
        <span className="text-muted-foreground">Why: </span>
        {request.reason}
      </p>
      {request.change ? (
        <p className="break-words">
          <span className="text-muted-foreground">Change: </span>
          {describeChange(request.change)}
        </p>
      ) : (
        <p className="break-words">
          <span className="text-muted-foreground">Emails: </span>
          {request.emails.join(", ")}
        </p>
      )}
    </div>
  );
}

/** What an approval answered about a change request: a toast, and the secret (once) if it made one. */
function useChangeApproved(onClose: () => void) {
  const [secret, setSecret] = useState<{ request: InviteRequest; secret: NonNullable<InviteRequestResponse["secret"]> } | null>(null);
  function approved({ request: done, secret: made }: InviteRequestResponse): void {
    if (done.outcome?.state === "failed") {
      toast.error("Approved, but the change failed", { description: done.outcome.error?.message });
    } else {
      toastChanged(`Approved and done: ${describeChange(done.change!)}`, done.outcome?.warning ? [done.outcome.warning] : []);
    }
    if (made) setSecret({ request: done, secret: made });
    else onClose();
  }
  return { secret, approved };
}

/** The secret an approval made, shown once; closing it closes the approval. */
function ApprovedSecret({
  request,
  secret,
  onClose,
}: {
  request: InviteRequest;
  secret: NonNullable<InviteRequestResponse["secret"]>;
  onClose: () => void;
}) {
  if (secret.kind === "password") {
    const email = request.change?.kind === "arthur_user" ? request.change.email : "";
    return <OneTimePasswordDialog email={email} password={secret.password} onClose={onClose} />;
  }
  const name = request.change?.kind === "service_account" ? request.change.name : "";
  return (
    <CredentialsDialog
      credentials={{ accountName: name, clientId: secret.clientId, clientSecret: secret.clientSecret, reason: "created" }}
      onClose={onClose}
    />
  );
}

/** Approve: sends one invite per email and provider (skipping existing members and invites), or performs the change asked for. */
export function ApproveDialog({ request, onClose }: DecisionDialogProps) {
  const id = useId();
  const [note, setNote] = useState("");
  const [error, setError] = useState<Error | null>(null);
  const change = useChangeApproved(onClose);
  const mutation = useApproveInviteRequest({
    onSuccess: (answer) => {
      if (answer.request.change) return change.approved(answer);
      // The job may have sent some already: the toast names them all, the card follows each.
      const total = Object.values(answer.request.counts).reduce((sum, n) => sum + n, 0);
      toastChanged(`Approved: sending ${total} invite${total === 1 ? "" : "s"} in the background; the request shows each one as it goes`);
      onClose();
    },
    onError: setError,
  });
  const busy = mutation.isPending;
  if (change.secret) return <ApprovedSecret request={change.secret.request} secret={change.secret.secret} onClose={onClose} />;
  const isChange = Boolean(request.change);
  return (
    <Modal
      open
      size="md"
      onOpenChange={(open) => (open ? undefined : onClose())}
      busy={busy}
      icon={<MailCheck aria-hidden className="text-muted-foreground" />}
      title={isChange ? "Approve and make this change?" : "Approve and send the invites?"}
      description={
        isChange
          ? `${summary(request)}. Your approval makes the change now, as you${request.change?.kind === "admin_role" ? "" : "; a new secret is shown to you once"}.`
          : `${summary(request)}. People who are already members or already invited are skipped.`
      }
      footer={
        <ModalActions
          busy={busy}
          label={isChange ? "Approve and make the change" : "Approve and send"}
          busyLabel={isChange ? "Making the change…" : "Sending invites…"}
          onClick={() => {
            setError(null);
            mutation.mutate({ id: request.id, reason: note.trim() || undefined });
          }}
        />
      }
    >
      <RequestSummary request={request} />
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-note`}>Note (optional)</Label>
        <textarea
          id={`${id}-note`}
          className={textareaClassName}
          rows={2}
          maxLength={INPUT_LIMITS.reason}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          disabled={busy}
        />
        <LengthLimit value={note} max={INPUT_LIMITS.reason} />
      </div>
      <ChangeErrorCallout error={error} />
    </Modal>
  );
}

/** Reject: nothing is sent; the reason is shown to the requester. */
export function RejectDialog({ request, onClose }: DecisionDialogProps) {
  const id = useId();
  const [reason, setReason] = useState("");
  const change = useDialogChange(useRejectInviteRequest, () => {
    toastChanged(`Rejected ${request.requester.email}'s request`);
    onClose();
  });
  const busy = change.busy;
  return (
    <ChangeDialog
      alert
      size="md"
      onClose={onClose}
      change={change}
      icon={<XCircle aria-hidden className="text-danger-text" />}
      title={`Reject ${request.requester.email}'s request?`}
      description={`${summary(request)}. Nothing is sent; ${request.requester.email} sees your reason.`}
      footer={
        <>
          <ModalClose disabled={busy} />
          <GatedButton
            variant="danger"
            state={{ enabled: Boolean(reason.trim()) && !busy, reason: busy ? "Rejecting…" : "Give a reason first" }}
            aria-busy={busy}
            onClick={() => change.run({ id: request.id, reason: reason.trim() })}
          >
            {busy ? "Rejecting…" : "Reject request"}
          </GatedButton>
        </>
      }
    >
      <RequestSummary request={request} />
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-reason`}>Reason</Label>
        <textarea
          id={`${id}-reason`}
          className={textareaClassName}
          rows={2}
          maxLength={INPUT_LIMITS.reason}
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          disabled={busy}
        />
        <LengthLimit value={reason} max={INPUT_LIMITS.reason} />
      </div>
    </ChangeDialog>
  );
}

/** Cancel one's own pending request. */
export function CancelRequestDialog({ request, onClose }: DecisionDialogProps) {
  const change = useDialogChange(useCancelInviteRequest, () => {
    toastChanged("Request cancelled");
    onClose();
  });
  return (
    <ChangeDialog
      alert
      onClose={onClose}
      change={change}
      icon={<Ban aria-hidden className="text-danger-text" />}
      title={request.change ? "Cancel this request?" : "Cancel this invite request?"}
      description={`${summary(request)}. Nothing has been sent yet, and nothing will be.`}
      action={{
        cancelLabel: "Keep it",
        variant: "danger",
        label: "Cancel request",
        busyLabel: "Cancelling…",
        onClick: () => change.run({ id: request.id }),
      }}
    />
  );
}
