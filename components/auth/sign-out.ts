"use client";

/**
 * Signs out and goes to the sign-in page. next-auth's browser client (about 10 kB gzip with
 * its runtime) is loaded on the click, not with every page.
 */
export async function signOutToSignIn(): Promise<void> {
  const { signOut } = await import("next-auth/react");
  await signOut({ callbackUrl: "/signin" });
}
