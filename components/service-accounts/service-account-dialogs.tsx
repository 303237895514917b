"use client";

import { KeyRound, Pencil, Plus, TriangleAlert } from "lucide-react";
import { type FormEvent, type ReactNode, useState } from "react";
import { toast } from "sonner";
import type { Member } from "@/lib/providers/types";
import { ChangeDialog, useDialogChange } from "@/components/members/change-dialog";
import { ChangeErrorCallout } from "@/components/members/change-dialog-parts";
import { Callout } from "@/components/ui/callout";
import { Input, Label } from "@/components/ui/input";
import { CredentialsDialog, type ShownCredentials } from "./credentials-dialog";
import { ServiceAccountRoleField } from "./service-account-role-field";
import { useIssueCredentials, useRenameServiceAccount } from "./service-accounts-queries";
import { useTwoPersonRule } from "@/components/invites/use-two-person-rule";
import { toastRequested } from "@/components/members/change-toast";
import { isApprovalRequired } from "@/lib/queries/members";
import { INPUT_LIMITS } from "@/lib/limits";

/** Which dialog is open, for which account: one host for the whole page. */
export type ServiceAccountDialog =
  { kind: "create" } | { kind: "rename"; account: Member } | { kind: "regenerate"; account: Member; self: boolean } | null;

const NAME_ID = "service-account-name";

function NameForm({
  initial,
  busy,
  error,
  formId,
  onSubmit,
  children,
}: {
  initial: string;
  busy: boolean;
  error: Error | null;
  formId: string;
  onSubmit: (name: string) => void;
  /** More fields, after the name. */
  children?: ReactNode;
}) {
  const [name, setName] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) onSubmit(name.trim());
  };
  return (
    <form id={formId} onSubmit={submit} className="space-y-1.5">
      <Label htmlFor={NAME_ID}>Name</Label>
      <Input
        id={NAME_ID}
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={INPUT_LIMITS.name}
        required
        autoComplete="off"
        disabled={busy}
        aria-invalid={error ? true : undefined}
        placeholder="e.g. nightly-export"
      />
      <p className="text-xs text-muted-foreground">A name that says what uses it. You can rename it later.</p>
      {children ? <div className="pt-3">{children}</div> : null}
      <div className="pt-2">
        <ChangeErrorCallout error={error} />
      </div>
    </form>
  );
}

function useCredentialsFlow(onShown: (shown: ShownCredentials) => void, reason: ShownCredentials["reason"], onRequested?: () => void) {
  const [error, setError] = useState<Error | null>(null);
  const mutation = useIssueCredentials({
    onSuccess: (answer) => {
      if (isApprovalRequired(answer)) {
        const change = answer.request.change;
        toastRequested(`Approval requested: a new service account${change?.kind === "service_account" ? ` "${change.name}"` : ""}`);
        onRequested?.();
        return;
      }
      const { account, credentials, role } = answer;
      if (role && "error" in role)
        toast.warning(`${account.name} was created without a role`, { description: `Arthur refused the role: ${role.error}` });
      onShown({ accountName: account.name, clientId: credentials.clientId, clientSecret: credentials.clientSecret, reason });
    },
    onError: setError,
  });
  return { mutation, error, clearError: () => setError(null) };
}

function CreateDialog({ onClose, onShown }: { onClose: () => void; onShown: (c: ShownCredentials) => void }) {
  const { mutation, error, clearError } = useCredentialsFlow(onShown, "created", onClose);
  const busy = mutation.isPending;
  const [role, setRole] = useState("");
  // The two-person rule: a new account with a secret waits for a second admin, who then sees the secret once.
  const needsApproval = useTwoPersonRule();
  return (
    <ChangeDialog
      onClose={onClose}
      change={{ busy, error }}
      errorShown="in-body"
      icon={<Plus aria-hidden />}
      title="New Arthur service account"
      description={
        needsApproval
          ? "Another admin approves it; their approval creates the account and shows them its client secret, once. Roster keeps no copy."
          : "Arthur issues a client ID and secret. Roster shows the secret once and keeps no copy."
      }
      action={{
        disabled: !role,
        type: "submit",
        form: "create-service-account",
        label: needsApproval ? "Request approval" : "Create service account",
        busyLabel: needsApproval ? "Requesting…" : "Creating…",
      }}
    >
      <NameForm
        formId="create-service-account"
        initial=""
        busy={busy}
        error={error}
        onSubmit={(name) => {
          clearError();
          mutation.mutate({ kind: "create", name, role });
        }}
      >
        <ServiceAccountRoleField value={role} onChange={setRole} disabled={busy} />
      </NameForm>
    </ChangeDialog>
  );
}

function RenameDialog({ account, onClose }: { account: Member; onClose: () => void }) {
  const change = useDialogChange(useRenameServiceAccount, ({ account: renamed }) => {
    toast.success(`Renamed to ${renamed.name}`);
    onClose();
  });
  return (
    <ChangeDialog
      onClose={onClose}
      change={change}
      errorShown="in-body"
      icon={<Pencil aria-hidden />}
      title={`Rename ${account.name}`}
      description="Only the name changes; its credentials keep working."
      action={{ type: "submit", form: "rename-service-account", label: "Rename", busyLabel: "Renaming…" }}
    >
      <NameForm
        formId="rename-service-account"
        initial={account.name}
        busy={change.busy}
        error={change.error}
        onSubmit={(name) => change.run({ id: account.id, name })}
      />
    </ChangeDialog>
  );
}

function RegenerateDialog({
  account,
  self,
  onClose,
  onShown,
}: {
  account: Member;
  self: boolean;
  onClose: () => void;
  onShown: (c: ShownCredentials) => void;
}) {
  const { mutation, error, clearError } = useCredentialsFlow(onShown, "regenerated");
  return (
    <ChangeDialog
      alert
      onClose={onClose}
      change={{ busy: mutation.isPending, error }}
      icon={<KeyRound aria-hidden className="text-danger-text" />}
      title={`Regenerate the secret of ${account.name}?`}
      description="The current client secret stops working at once. Anything that uses it fails until you give it the new one."
      action={{
        variant: "danger",
        label: "Regenerate secret",
        busyLabel: "Regenerating…",
        onClick: () => {
          clearError();
          mutation.mutate({ kind: "regenerate", id: account.id });
        },
      }}
    >
      {self ? (
        <Callout tone="danger" icon={<TriangleAlert aria-hidden />} title="This is Roster's own Arthur identity">
          If Roster signs in to Arthur with this account&apos;s secret, it loses access to Arthur until its configuration has the new
          secret.
        </Callout>
      ) : null}
    </ChangeDialog>
  );
}

/** The page's one dialog host: the open dialog, then the credentials once they exist. */
export function ServiceAccountDialogs({ dialog, onClose }: { dialog: ServiceAccountDialog; onClose: () => void }) {
  const [shown, setShown] = useState<ShownCredentials | null>(null);
  const show = (credentials: ShownCredentials) => {
    setShown(credentials);
    onClose();
  };
  return (
    <>
      {dialog?.kind === "create" ? <CreateDialog onClose={onClose} onShown={show} /> : null}
      {dialog?.kind === "rename" ? <RenameDialog account={dialog.account} onClose={onClose} /> : null}
      {dialog?.kind === "regenerate" ? (
        <RegenerateDialog account={dialog.account} self={dialog.self} onClose={onClose} onShown={show} />
      ) : null}
      {shown ? <CredentialsDialog credentials={shown} onClose={() => setShown(null)} /> : null}
    </>
  );
}
