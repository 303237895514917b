"use client";

import { KeyRound, TriangleAlert } from "lucide-react";
import { CopyButton } from "@/components/common/copy-button";
import { Callout } from "@/components/ui/callout";
import { Modal, ModalClose } from "@/components/ui/dialog";

export interface ShownCredentials {
  accountName: string;
  clientId: string;
  clientSecret: string;
  /** "created" for a new account, "regenerated" for a new secret. */
  reason: "created" | "regenerated";
}

export function SecretField({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="space-y-1">
      <div id={`${id}-label`} className="text-xs font-medium text-muted-foreground">
        {label}
      </div>
      <div className="flex items-center gap-1.5 rounded-md border border-border-strong bg-subtle py-1 pr-1 pl-2.5">
        <code
          aria-labelledby={`${id}-label`}
          data-testid={id}
          className="min-w-0 flex-1 font-mono text-xs break-all text-foreground select-all"
        >
          {value}
        </code>
        <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
      </div>
    </div>
  );
}

/**
 * The only place a service account's secret is ever shown. Closing the dialog drops it:
 * Roster keeps no copy, so it cannot be shown again.
 */
export function CredentialsDialog({ credentials, onClose }: { credentials: ShownCredentials; onClose: () => void }) {
  return (
    <Modal
      open
      alert
      onOpenChange={(open) => (open ? undefined : onClose())}
      size="md"
      icon={<KeyRound aria-hidden className="text-emerald-600 dark:text-emerald-400" />}
      title={credentials.reason === "created" ? `Service account ${credentials.accountName} created` : `New secret for ${credentials.accountName}`}
      description="Copy the client secret now and keep it somewhere safe."
      footer={<ModalClose variant="primary">I have copied the secret</ModalClose>}
    >
      <Callout tone="warning" role="status" icon={<TriangleAlert aria-hidden />} title="Shown once">
        Roster does not store this secret and cannot show it again. If it is lost, regenerate it
        {credentials.reason === "regenerated" ? ". The previous secret has stopped working." : "."}
      </Callout>
      <SecretField id="credential-client-id" label="Client ID" value={credentials.clientId} />
      <SecretField id="credential-client-secret" label="Client secret" value={credentials.clientSecret} />
    </Modal>
  );
}

/**
 * A new Arthur user's one-time password, shown once to the admin whose approval created
 * the user (or who created it without choosing one). Closing the dialog drops it.
 */
export function OneTimePasswordDialog({ email, password, onClose }: { email: string; password: string; onClose: () => void }) {
  return (
    <Modal
      open
      alert
      onOpenChange={(open) => (open ? undefined : onClose())}
      size="md"
      icon={<KeyRound aria-hidden className="text-emerald-600 dark:text-emerald-400" />}
      title={`Arthur user ${email} created`}
      description="Pass the one-time password on through a separate channel; the user changes it at first sign-in."
      footer={<ModalClose variant="primary">I have copied the password</ModalClose>}
    >
      <Callout tone="warning" role="status" icon={<TriangleAlert aria-hidden />} title="Shown once">
        Roster does not store this password and cannot show it again.
      </Callout>
      <SecretField id="credential-password" label="One-time password" value={password} />
    </Modal>
  );
}
