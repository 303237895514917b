import { isSsoRefusal } from "./sso-messages";

/**
 * The `?error=` codes the sign-in page explains: next-auth's own and Roster's single
 * sign-on refusals. Anything else in the URL is someone else's text (a phishing aid if
 * shown), so the page shows only a generic failure for it.
 */
const NEXT_AUTH_ERRORS = new Set([
  "Signin",
  "OAuthSignin",
  "OAuthCallback",
  "OAuthCreateAccount",
  "EmailCreateAccount",
  "Callback",
  "OAuthAccountNotLinked",
  "EmailSignin",
  "CredentialsSignin",
  "SessionRequired",
  "AccessDenied",
  "Configuration",
  "Verification",
  "Default",
]);

/** The error code to show for `?error=`: a known code as is, "Default" for any other text, undefined for none. */
export function knownSignInError(raw: unknown): string | undefined {
  if (typeof raw !== "string" || !raw) return undefined;
  return NEXT_AUTH_ERRORS.has(raw) || isSsoRefusal(raw) ? raw : "Default";
}
