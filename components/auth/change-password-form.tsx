"use client";

import { AlertCircle, Loader2 } from "lucide-react";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { apiFetch, isApiFailure } from "@/lib/api/fetcher";
import { OPERATOR_PASSWORD_MIN } from "@/lib/operators/constants";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Input, Label } from "@/components/ui/input";
import { useHydrated } from "@/components/common/use-hydrated";

/**
 * Current password and a new one (twice). Changing it ends every session of the operator,
 * this one included, so the form signs in again with the new password and goes home.
 */
export function ChangePasswordForm({ email, forced }: { email: string; forced: boolean }) {
  const errorId = useId();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const currentPassword = String(form.get("currentPassword") ?? "");
    const newPassword = String(form.get("newPassword") ?? "");
    if (newPassword !== String(form.get("confirmPassword") ?? "")) {
      setError("The new passwords do not match.");
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await apiFetch("/api/account/password", { method: "POST", json: { currentPassword, newPassword } });
      const result = await signIn("credentials", { email, password: newPassword, redirect: false, callbackUrl: "/" });
      window.location.assign(result?.ok && !result.error ? "/" : "/signin");
    } catch (failure) {
      setError(isApiFailure(failure) ? failure.message.replace(/^\w+: /, "") : "Could not change the password. Try again.");
      setSubmitting(false);
    }
  }

  const field = (name: string, label: string, autoComplete: string, min?: number) => (
    <div className="space-y-1.5">
      <Label htmlFor={name}>{label}</Label>
      <Input
        id={name}
        name={name}
        type="password"
        required
        minLength={min}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
    </div>
  );

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4">
      {field("currentPassword", forced ? "Password you were given" : "Current password", "current-password")}
      {field("newPassword", `New password (at least ${OPERATOR_PASSWORD_MIN} characters)`, "new-password", OPERATOR_PASSWORD_MIN)}
      {field("confirmPassword", "New password again", "new-password", OPERATOR_PASSWORD_MIN)}
      {error ? (
        <Callout tone="danger" role="alert" id={errorId} icon={<AlertCircle aria-hidden />}>
          {error}
        </Callout>
      ) : null}
      <Button type="submit" className="w-full" disabled={!hydrated || submitting}>
        {submitting ? <Loader2 aria-hidden className="animate-spin" /> : null}
        {submitting ? "Saving…" : "Save password"}
      </Button>
      {forced ? null : (
        <p className="text-center text-xs text-muted-foreground">
          <Link href="/" className="underline underline-offset-2">
            Back to Roster
          </Link>
        </p>
      )}
    </form>
  );
}
