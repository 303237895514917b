import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { oidcConfigOrNull } from "@/lib/auth/oidc";
import { knownSignInError } from "@/lib/auth/signin-errors";
import { getOperator } from "@/lib/auth/session";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackUrl } from "@/components/auth/safe-callback-url";
import { Wordmark } from "@/components/shell/wordmark";
import { ThemeToggle } from "@/components/theme/theme-toggle";

export const metadata: Metadata = { title: "Sign in" };

interface SignInPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getOperator()) redirect(callbackUrl);
  // Only codes Roster knows: other text in the URL is never shown.
  const initialError = knownSignInError(params.error);

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
          <h1 className="text-lg font-semibold tracking-tight">Sign in to Roster</h1>
          <p className="mt-1 mb-6 text-[13px] leading-5 text-muted-foreground">
            Manage your organization&apos;s members on OpenAI, Astronomer and Arthur.
          </p>
          <SignInForm callbackUrl={callbackUrl} initialError={initialError} ssoName={oidcConfigOrNull()?.name} />
        </div>
        <p className="mt-6 text-center text-xs text-muted-foreground">
          Access is granted by a Roster owner. Ask them if you need an account.
        </p>
      </main>
    </div>
  );
}
