import type { Metadata } from "next";
import { PASSWORD_PAGE, requireOperatorPage } from "@/lib/auth/session";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { Wordmark } from "@/components/shell/wordmark";
import { ThemeToggle } from "@/components/theme/theme-toggle";

export const metadata: Metadata = { title: "Your password" };

/** An operator's own password: chosen here at first sign-in (when an owner set it), or changed any time. */
export default async function PasswordPage() {
  const operator = await requireOperatorPage(PASSWORD_PAGE, { passwordPage: true });
  const forced = Boolean(operator.mustChangePassword);
  return (
    <div className="relative flex min-h-dvh flex-col items-center justify-center bg-subtle px-4 py-12">
      <div className="absolute top-4 right-4">
        <ThemeToggle />
      </div>
      <main className="w-full max-w-[380px]">
        <div className="mb-8 flex justify-center">
          <Wordmark />
        </div>
        <div className="rounded-xl border border-border bg-surface p-6 shadow-sm sm:p-8">
          <h1 className="text-lg font-semibold tracking-tight">{forced ? "Choose your password" : "Change your password"}</h1>
          <p className="mt-1 mb-6 text-[13px] leading-5 text-muted-foreground">
            {forced
              ? "A Roster owner set the password you signed in with. Choose your own before you continue."
              : `Signed in as ${operator.email}. Changing it signs you out everywhere else.`}
          </p>
          <ChangePasswordForm email={operator.email} forced={forced} />
        </div>
      </main>
    </div>
  );
}
