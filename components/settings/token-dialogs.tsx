"use client";

import { KeyRound } from "lucide-react";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { ROLE_LABEL, ROSTER_ROLES, type RosterRole } from "@/lib/auth/roles";
import { PROVIDER_IDS, PROVIDER_LABELS, type ProviderId } from "@/lib/providers/types";
import { TOKEN_NAME_MAX } from "@/lib/tokens/constants";
import type { TokenSummary } from "@/lib/tokens/types";
import { fieldErrors } from "@/components/common/field-errors";
import { ChangeDialog, useDialogChange } from "@/components/members/change-dialog";
import { ChangeErrorCallout } from "@/components/members/change-dialog-parts";
import { SecretField, ShownOnceDialog } from "@/components/service-accounts/credentials-dialog";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { TextField } from "@/components/ui/text-field";
import { ROLE_HINT } from "./operator-dialogs";
import { useCreateToken, useRevokeToken } from "./tokens-queries";

/** Which token dialog is open on the Settings page. */
export type TokenDialog =
  { kind: "create" } | { kind: "secret"; name: string; secret: string } | { kind: "revoke"; token: TokenSummary } | null;

const EXPIRY_DAYS = [7, 30, 90, 365] as const;

function CreateTokenDialog({ onCreated, onClose }: { onCreated: (name: string, secret: string) => void; onClose: () => void }) {
  const [form, setForm] = useState({ name: "", role: "viewer" as RosterRole, limit: false, providers: [] as ProviderId[], days: 90 });
  const change = useDialogChange(useCreateToken, ({ token, secret }) => onCreated(token.name, secret));
  const busy = change.busy;
  const { byField, rest } = fieldErrors(change.error, ["name", "role", "providers", "expiresAt"] as const);
  const noProvider = form.limit && form.providers.length === 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.run({
      name: form.name.trim(),
      role: form.role,
      ...(form.limit ? { providers: form.providers } : {}),
      expiresAt: new Date(Date.now() + form.days * 86_400_000).toISOString(),
    });
  };
  const toggle = (provider: ProviderId, on: boolean) =>
    setForm((f) => ({ ...f, providers: on ? [...f.providers, provider] : f.providers.filter((p) => p !== provider) }));
  return (
    <ChangeDialog
      onClose={onClose}
      change={change}
      errorShown="in-body"
      size="md"
      icon={<KeyRound aria-hidden />}
      title="Create an API token"
      description="For a program that calls Roster's API with Authorization: Bearer. It acts with the role you give it, and the audit log names it token:<name>."
      action={{
        type: "submit",
        form: "create-token",
        disabled: noProvider || !form.name.trim(),
        reason: noProvider ? "Choose at least one provider, or allow all" : !form.name.trim() ? "Name the token" : null,
        label: "Create token",
        busyLabel: "Creating…",
      }}
    >
      <form id="create-token" onSubmit={submit} className="space-y-3">
        <TextField
          id="token-name"
          label="Name"
          required
          maxLength={TOKEN_NAME_MAX}
          hint="Lower-case letters, digits, '.', '-' or '_', e.g. hr-offboarding"
          error={byField.name}
          disabled={busy}
          value={form.name}
          onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1.5">
            <Label htmlFor="token-role">Roster role</Label>
            <div>
              <NativeSelect
                id="token-role"
                value={form.role}
                disabled={busy}
                onChange={(e) => setForm((f) => ({ ...f, role: e.target.value as RosterRole }))}
              >
                {ROSTER_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABEL[role]}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <p className="text-xs text-muted-foreground">{ROLE_HINT[form.role]}</p>
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="token-expiry">Expires after</Label>
            <div>
              <NativeSelect
                id="token-expiry"
                value={String(form.days)}
                disabled={busy}
                onChange={(e) => setForm((f) => ({ ...f, days: Number(e.target.value) }))}
              >
                {EXPIRY_DAYS.map((days) => (
                  <option key={days} value={days}>
                    {days} days
                  </option>
                ))}
              </NativeSelect>
            </div>
            {byField.expiresAt ? <p className="text-xs text-danger-text">{byField.expiresAt}</p> : null}
          </div>
        </div>
        <fieldset className="space-y-2">
          <legend className="text-[13px] font-medium">Providers</legend>
          <label className="flex items-center gap-2 text-[13px]">
            <Checkbox checked={form.limit} disabled={busy} onCheckedChange={(v) => setForm((f) => ({ ...f, limit: v === true }))} />
            Only some providers
          </label>
          {form.limit ? (
            <div className="flex flex-wrap gap-4 pl-6">
              {PROVIDER_IDS.map((provider) => (
                <label key={provider} className="flex items-center gap-2 text-[13px]">
                  <Checkbox
                    checked={form.providers.includes(provider)}
                    disabled={busy}
                    onCheckedChange={(v) => toggle(provider, v === true)}
                  />
                  {PROVIDER_LABELS[provider]}
                </label>
              ))}
            </div>
          ) : (
            <p className="pl-6 text-xs text-muted-foreground">It may act on every provider its role allows.</p>
          )}
          {byField.providers ? <p className="text-xs text-danger-text">{byField.providers}</p> : null}
        </fieldset>
        <ChangeErrorCallout error={rest} />
      </form>
    </ChangeDialog>
  );
}

/** The only place a token's secret is ever shown: Roster keeps its hash alone. */
function TokenSecretDialog({ name, secret, onClose }: { name: string; secret: string; onClose: () => void }) {
  return (
    <ShownOnceDialog
      title={`API token ${name} created`}
      description="Copy the token now and give it to the program that calls Roster."
      confirm="I have copied the token"
      warning="Roster keeps only a hash of this token and cannot show it again. If it is lost, revoke it and create another."
      onClose={onClose}
    >
      <SecretField id="token-secret" label="Token" value={secret} />
    </ShownOnceDialog>
  );
}

function RevokeTokenDialog({ token, onClose }: { token: TokenSummary; onClose: () => void }) {
  const change = useDialogChange(useRevokeToken, () => {
    toast.success(`${token.name} is revoked`, { description: "Its next request is refused." });
    onClose();
  });
  return (
    <ChangeDialog
      alert
      onClose={onClose}
      change={change}
      icon={<KeyRound aria-hidden className="text-danger-text" />}
      title={`Revoke ${token.name}?`}
      description="Programs using it are refused from their next request. This cannot be undone: create a new token instead."
      action={{ variant: "danger", label: "Revoke token", busyLabel: "Revoking…", onClick: () => change.run({ id: token.id }) }}
    />
  );
}

export function TokenDialogs({ dialog, setDialog }: { dialog: TokenDialog; setDialog: (next: TokenDialog) => void }) {
  const close = () => setDialog(null);
  if (!dialog) return null;
  if (dialog.kind === "create")
    return <CreateTokenDialog onCreated={(name, secret) => setDialog({ kind: "secret", name, secret })} onClose={close} />;
  if (dialog.kind === "secret") return <TokenSecretDialog name={dialog.name} secret={dialog.secret} onClose={close} />;
  return <RevokeTokenDialog key={dialog.token.id} token={dialog.token} onClose={close} />;
}
