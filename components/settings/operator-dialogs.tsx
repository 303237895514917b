"use client";

import { ShieldCheck, UserCheck, UserPlus, UserX } from "lucide-react";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { ROLE_LABEL, ROSTER_ROLES, type RosterRole } from "@/lib/auth/roles";
import { OPERATOR_PASSWORD_MIN } from "@/lib/operators/constants";
import type { OperatorSummary } from "@/lib/operators/types";
import { fieldErrors } from "@/components/common/field-errors";
import { ChangeDialog, useDialogChange } from "@/components/members/change-dialog";
import { ChangeErrorCallout } from "@/components/members/change-dialog-parts";
import { Label } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { TextField } from "@/components/ui/text-field";
import { useAddOperator, useUpdateOperator } from "./operators-queries";
import { PasswordField } from "./password-field";
import { INPUT_LIMITS } from "@/lib/limits";

/** Which operator dialog is open: one host for the Settings page. */
export type OperatorDialog =
  | { kind: "add" }
  | { kind: "role"; operator: OperatorSummary; role: RosterRole }
  | { kind: "disable" | "enable"; operator: OperatorSummary }
  | null;

export const ROLE_HINT: Record<RosterRole, string> = {
  viewer: "Reads everything",
  requester: "Reads; requests invites",
  admin: "Changes roles, removes members, approves invite requests, manages service accounts",
  owner: "Everything, and manages Roster operators",
};

function AddOperatorDialog({ onClose }: { onClose: () => void }) {
  const [form, setForm] = useState({ email: "", name: "", role: "viewer" as RosterRole, password: "" });
  const change = useDialogChange(useAddOperator, ({ operator }) => {
    toast.success(`${operator.email} can now sign in to Roster`, { description: `Role: ${ROLE_LABEL[operator.role]}` });
    onClose();
  });
  const busy = change.busy;
  const { byField, rest } = fieldErrors(change.error, ["email", "name", "role", "password"] as const);
  const short = form.password.length < OPERATOR_PASSWORD_MIN;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.run(form);
  };
  return (
    <ChangeDialog
      onClose={onClose}
      change={change}
      errorShown="in-body"
      size="md"
      icon={<UserPlus aria-hidden />}
      title="Add an operator"
      description="Someone who may sign in to Roster, with a Roster role. Give them the password through a separate channel."
      action={{
        type: "submit",
        form: "add-operator",
        disabled: short,
        reason: short ? `The password needs at least ${OPERATOR_PASSWORD_MIN} characters` : null,
        label: "Add operator",
        busyLabel: "Adding…",
      }}
    >
      {/* noValidate: the browser's email check refuses addresses in other scripts; the server judges and marks the field. */}
      <form id="add-operator" noValidate onSubmit={submit} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            id="operator-email"
            label="Email"
            type="email"
            required
            maxLength={INPUT_LIMITS.email}
            error={byField.email}
            disabled={busy}
            value={form.email}
            onChange={(e) => setForm((f) => ({ ...f, email: e.target.value }))}
          />
          <TextField
            id="operator-name"
            label="Name"
            required
            maxLength={INPUT_LIMITS.name}
            error={byField.name}
            disabled={busy}
            value={form.name}
            onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
          />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="operator-role">Roster role</Label>
          <div className="flex items-center gap-3">
            <NativeSelect
              id="operator-role"
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
            <span className="text-xs text-muted-foreground">{ROLE_HINT[form.role]}</span>
          </div>
        </div>
        <PasswordField
          id="operator-password"
          label="Password"
          value={form.password}
          onChange={(password) => setForm((f) => ({ ...f, password }))}
          minLength={OPERATOR_PASSWORD_MIN}
          disabled={busy}
          hint={`At least ${OPERATOR_PASSWORD_MIN} characters. Roster keeps only a hash; copy it now to pass it on.`}
        />
        {byField.password ? <p className="text-xs text-danger-text">{byField.password}</p> : null}
        <ChangeErrorCallout error={rest} />
      </form>
    </ChangeDialog>
  );
}

function UpdateOperatorDialog({ dialog, onClose }: { dialog: Exclude<OperatorDialog, null | { kind: "add" }>; onClose: () => void }) {
  const { operator } = dialog;
  const who = operator.name || operator.email;
  const change = useDialogChange(useUpdateOperator, ({ operator: updated }) => {
    toast.success(
      dialog.kind === "role"
        ? `${who} is now ${ROLE_LABEL[updated.role].toLowerCase()}`
        : updated.disabled
          ? `${who} can no longer sign in`
          : `${who} can sign in again`,
    );
    onClose();
  });
  const copy = {
    role: {
      icon: <ShieldCheck aria-hidden />,
      title: dialog.kind === "role" ? `Make ${who} ${ROLE_LABEL[dialog.role].toLowerCase()}?` : "",
      description:
        dialog.kind === "role"
          ? `From ${ROLE_LABEL[operator.role]} to ${ROLE_LABEL[dialog.role]}: ${ROLE_HINT[dialog.role].toLowerCase()}. It applies at their next request.`
          : "",
      action: "Change role",
      variant: "primary" as const,
    },
    disable: {
      icon: <UserX aria-hidden className="text-danger-text" />,
      title: `Disable ${who}?`,
      description: `${operator.email} can no longer sign in, and a session they have open stops working at its next request. You can enable them again.`,
      action: "Disable operator",
      variant: "danger" as const,
    },
    enable: {
      icon: <UserCheck aria-hidden />,
      title: `Enable ${who}?`,
      description: `${operator.email} can sign in again with their password, as ${ROLE_LABEL[operator.role].toLowerCase()}.`,
      action: "Enable operator",
      variant: "primary" as const,
    },
  }[dialog.kind];
  return (
    <ChangeDialog
      alert
      onClose={onClose}
      change={change}
      icon={copy.icon}
      title={copy.title}
      description={copy.description}
      action={{
        variant: copy.variant,
        label: copy.action,
        busyLabel: "Saving…",
        onClick: () =>
          change.run(
            dialog.kind === "role" ? { id: operator.id, role: dialog.role } : { id: operator.id, disabled: dialog.kind === "disable" },
          ),
      }}
    />
  );
}

export function OperatorDialogs({ dialog, onClose }: { dialog: OperatorDialog; onClose: () => void }) {
  if (!dialog) return null;
  if (dialog.kind === "add") return <AddOperatorDialog onClose={onClose} />;
  return <UpdateOperatorDialog key={`${dialog.kind}-${dialog.operator.id}`} dialog={dialog} onClose={onClose} />;
}
