"use client";

import { AlertCircle, Loader2 } from "lucide-react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Input, Label } from "@/components/ui/input";
import { isSsoRefusal, SSO_REFUSALS } from "@/lib/auth/sso-messages";
import { useHydrated } from "@/components/common/use-hydrated";

const WRONG_CREDENTIALS = "Wrong email or password";
const THROTTLED = "Too many sign-in attempts. Wait a minute, then try again.";
const THROTTLE_PATTERN = /too many|throttl|rate.?limit|locked|try again in/i;

/** Turns next-auth's answer (an error code or the message `authorize` threw) into words. */
export function signInErrorMessage(error: string | null | undefined, status?: number): string | null {
  if (status === 429 || (error && THROTTLE_PATTERN.test(error))) {
    // Prefer the server's own words when it says how long to wait.
    return error && /\s/.test(error) && THROTTLE_PATTERN.test(error) ? error : THROTTLED;
  }
  if (!error) return null;
  if (error === "CredentialsSignin") return WRONG_CREDENTIALS;
  if (error === "SessionRequired" || error === "Callback") return "Sign in to continue.";
  if (isSsoRefusal(error)) return SSO_REFUSALS[error];
  return /\s/.test(error) ? error : "Sign-in failed. Try again, or ask a Roster owner for help.";
}

interface SignInFormProps {
  callbackUrl: string;
  /** The single sign-on button's label (`Sign in with …`), when SSO is configured. */
  ssoName?: string;
  /** An error next-auth put in the URL (`?error=`), shown until the next attempt. */
  initialError?: string;
}

export function SignInForm({ callbackUrl, initialError, ssoName }: SignInFormProps) {
  const router = useRouter();
  const errorId = useId();
  const passwordRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(() => signInErrorMessage(initialError));
  const [submitting, setSubmitting] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    setSubmitting(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false, callbackUrl });
      const message = !result
        ? "Sign-in failed. Try again."
        : result.ok && !result.error
          ? null
          : signInErrorMessage(result.error ?? "CredentialsSignin", result.status);
      if (message) {
        setError(message);
        setSubmitting(false);
        passwordRef.current?.select();
        passwordRef.current?.focus();
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError("Could not reach Roster. Check your connection and try again.");
      setSubmitting(false);
    }
  }

  // Until the script runs, the form is disabled: typed text would be lost to hydration, and a
  // plain browser submit would put the password in a URL (hence also method="post").
  return (
    <form onSubmit={onSubmit} method="post" className="space-y-4">
      <fieldset disabled={!hydrated} aria-busy={!hydrated} className="m-0 min-w-0 space-y-4 border-0 p-0">
        <div aria-live="assertive" className="empty:hidden">
          {error ? (
            <Callout tone="danger" role="alert" id={errorId} icon={<AlertCircle aria-hidden />}>
              {error}
            </Callout>
          ) : null}
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="email">Email</Label>
          <Input
            id="email"
            name="email"
            type="email"
            autoComplete="username email"
            autoFocus
            required
            disabled={submitting}
            aria-invalid={error === WRONG_CREDENTIALS || undefined}
            aria-describedby={error ? errorId : undefined}
            placeholder="you@company.com"
          />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="password">Password</Label>
          <Input
            ref={passwordRef}
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            disabled={submitting}
            aria-invalid={error === WRONG_CREDENTIALS || undefined}
          />
        </div>
        <Button type="submit" variant="primary" size="md" className="w-full" disabled={submitting} aria-busy={submitting}>
          {submitting ? <Loader2 aria-hidden className="animate-spin" /> : null}
          Sign in
        </Button>
        {ssoName ? (
          <>
            <div className="flex items-center gap-3 text-xs text-muted-foreground" aria-hidden>
              <span className="h-px flex-1 bg-border" />
              or
              <span className="h-px flex-1 bg-border" />
            </div>
            <Button
              type="button"
              variant="secondary"
              size="md"
              className="w-full"
              disabled={submitting}
              onClick={() => {
                setSubmitting(true);
                void signIn("oidc", { callbackUrl });
              }}
            >
              Sign in with {ssoName}
            </Button>
          </>
        ) : null}
      </fieldset>
    </form>
  );
}
