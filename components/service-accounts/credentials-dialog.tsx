"use client";

import { KeyRound, TriangleAlert } from "lucide-react";
import type { ReactNode } from "react";
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
 * A secret shown this once (a service account's client secret, a new Arthur user's
 * password, an API token): Roster keeps no copy, so closing the dialog drops it.
 */
export function ShownOnceDialog({
  title,
  description,
  confirm,
  warning,
  onClose,
  children,
}: {
  title: string;
  description: string;
  /** The closing button: "I have copied the …". */
  confirm: string;
  /** Why it cannot be shown again, and what to do if it is lost. */
  warning: string;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Modal
      open
      alert
      onOpenChange={(open) => (open ? undefined : onClose())}
      size="md"
      icon={<KeyRound aria-hidden className="text-emerald-600 dark:text-emerald-400" />}
      title={title}
      description={description}
      footer={<ModalClose variant="primary">{confirm}</ModalClose>}
    >
      <Callout tone="warning" role="status" icon={<TriangleAlert aria-hidden />} title="Shown once">
        {warning}
      </Callout>
      {children}
    </Modal>
  );
}

/** The only place a service account's secret is ever shown. */
export function CredentialsDialog({ credentials, onClose }: { credentials: ShownCredentials; onClose: () => void }) {
  return (
    <ShownOnceDialog
      title={
        credentials.reason === "created"
          ? `Service account ${credentials.accountName} created`
          : `New secret for ${credentials.accountName}`
      }
      description="Copy the client secret now and keep it somewhere safe."
      confirm="I have copied the secret"
      warning={`Roster does not store this secret and cannot show it again. If it is lost, regenerate it${credentials.reason === "regenerated" ? ". The previous secret has stopped working." : "."}`}
      onClose={onClose}
    >
      <SecretField id="credential-client-id" label="Client ID" value={credentials.clientId} />
      <SecretField id="credential-client-secret" label="Client secret" value={credentials.clientSecret} />
    </ShownOnceDialog>
  );
}

/**
 * A new Arthur user's one-time password, shown once to the admin whose approval created
 * the user (or who created it without choosing one).
 */
export function OneTimePasswordDialog({ email, password, onClose }: { email: string; password: string; onClose: () => void }) {
  return (
    <ShownOnceDialog
      title={`Arthur user ${email} created`}
      description="Pass the one-time password on through a separate channel; the user changes it at first sign-in."
      confirm="I have copied the password"
      warning="Roster does not store this password and cannot show it again."
      onClose={onClose}
    >
      <SecretField id="credential-password" label="One-time password" value={password} />
    </ShownOnceDialog>
  );
}
