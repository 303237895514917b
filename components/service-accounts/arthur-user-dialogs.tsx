"use client";

import { Pencil, UserPlus } from "lucide-react";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { fieldErrors } from "@/components/common/field-errors";
import { ChangeDialog, useDialogChange } from "@/components/members/change-dialog";
import { ChangeErrorCallout } from "@/components/members/change-dialog-parts";
import { PasswordField } from "@/components/settings/password-field";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { useTwoPersonRule } from "@/components/invites/use-two-person-rule";
import { toastRequested } from "@/components/members/change-toast";
import { isApprovalRequired } from "@/lib/queries/members";
import { useCreateArthurUser, useUpdateArthurUser } from "./service-accounts-queries";
import { INPUT_LIMITS } from "@/lib/limits";

/**
 * Arthur user operations beyond invites: create a user directly with a one-time password
 * (when an admin prefers that to an invite), and edit a user's name.
 */

const PASSWORD_MIN = 12;

export function CreateArthurUserDialog({ onClose }: { onClose: () => void }) {
  const [form, setForm] = useState({ firstName: "", lastName: "", email: "", password: "" });
  // The two-person rule: a new account waits for a second admin, whose approval makes its one-time password.
  const needsApproval = useTwoPersonRule();
  const change = useDialogChange(useCreateArthurUser, (answer) => {
    if (isApprovalRequired(answer)) {
      toastRequested(`Approval requested: a new Arthur user ${form.email.trim()}`);
    } else {
      toast.success(`Created ${answer.account.email ?? answer.account.name} on Arthur`, {
        description: "Pass the one-time password on through a separate channel; Roster does not keep it.",
      });
    }
    onClose();
  });
  const busy = change.busy;
  const { byField, rest } = fieldErrors(change.error, ["firstName", "lastName", "email", "password", "reason"] as const);
  const short = !needsApproval && form.password.length < PASSWORD_MIN;
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { password, ...fields } = form;
    change.run({ ...fields, lastName: form.lastName.trim() || undefined, ...(needsApproval ? {} : { password }) });
  };
  return (
    <ChangeDialog
      onClose={onClose}
      change={change}
      errorShown="in-body"
      size="md"
      icon={<UserPlus aria-hidden />}
      title="Create an Arthur user"
      description={
        needsApproval
          ? "Instead of an invite. Another admin approves it; their approval creates the user and shows them a one-time password to pass on."
          : "Instead of an invite: the user signs in with a one-time password and changes it at first sign-in."
      }
      action={{
        type: "submit",
        form: "create-arthur-user",
        disabled: short,
        reason: short ? `The one-time password needs at least ${PASSWORD_MIN} characters` : null,
        label: needsApproval ? "Request approval" : "Create user",
        busyLabel: needsApproval ? "Requesting…" : "Creating…",
      }}
    >
      {/* noValidate: the server judges the email (in any script) and marks the field. */}
      <form id="create-arthur-user" noValidate onSubmit={submit} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            id="arthur-user-first"
            label="First name"
            value={form.firstName}
            onChange={set("firstName")}
            required
            maxLength={INPUT_LIMITS.name}
            error={byField.firstName}
            disabled={busy}
          />
          <TextField
            id="arthur-user-last"
            label="Last name"
            value={form.lastName}
            onChange={set("lastName")}
            maxLength={INPUT_LIMITS.name}
            error={byField.lastName}
            disabled={busy}
          />
        </div>
        <TextField
          id="arthur-user-email"
          label="Email"
          type="email"
          value={form.email}
          onChange={set("email")}
          required
          maxLength={INPUT_LIMITS.email}
          error={byField.email}
          disabled={busy}
        />
        {needsApproval ? null : (
          <PasswordField
            id="arthur-user-password"
            label="One-time password"
            value={form.password}
            onChange={(password) => setForm((f) => ({ ...f, password }))}
            minLength={PASSWORD_MIN}
            disabled={busy}
            hint="Copy it before you create the user: Roster sends it to Arthur and keeps no copy."
          />
        )}
        {byField.password ? <p className="text-xs text-danger-text">{byField.password}</p> : null}
        <ChangeErrorCallout error={rest} />
      </form>
    </ChangeDialog>
  );
}

export function CreateArthurUserButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <UserPlus aria-hidden />
        Create user
      </Button>
      {open ? <CreateArthurUserDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/** Edits an Arthur user's first and last name (for the person page's Arthur membership). */
export function EditArthurUserNameDialog({ userId, name, onClose }: { userId: string; name: string; onClose: () => void }) {
  const [first, ...rest] = name.split(" ");
  const [form, setForm] = useState({ firstName: first ?? "", lastName: rest.join(" ") });
  const change = useDialogChange(useUpdateArthurUser, ({ account }) => {
    toast.success(`Renamed to ${account.name} on Arthur`);
    onClose();
  });
  const busy = change.busy;
  return (
    <ChangeDialog
      onClose={onClose}
      change={change}
      icon={<Pencil aria-hidden />}
      title={`Edit ${name}'s name on Arthur`}
      action={{ type: "submit", form: "edit-arthur-user", label: "Save", busyLabel: "Saving…" }}
    >
      <form
        id="edit-arthur-user"
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          change.run({ id: userId, firstName: form.firstName, lastName: form.lastName });
        }}
      >
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            id="edit-arthur-first"
            label="First name"
            value={form.firstName}
            onChange={(e) => setForm((f) => ({ ...f, firstName: e.target.value }))}
            required
            maxLength={INPUT_LIMITS.name}
            disabled={busy}
          />
          <TextField
            id="edit-arthur-last"
            label="Last name"
            value={form.lastName}
            onChange={(e) => setForm((f) => ({ ...f, lastName: e.target.value }))}
            maxLength={INPUT_LIMITS.name}
            disabled={busy}
          />
        </div>
      </form>
    </ChangeDialog>
  );
}
