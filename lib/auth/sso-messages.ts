/** Why a single sign-on was refused (lib/auth/oidc.ts), in words for the sign-in page. */
export const SSO_REFUSALS = {
  SsoNoEmail: "Your identity provider did not send an email address, so Roster cannot tell who you are.",
  SsoEmailUnverified: "Your identity provider has not verified your email address. Verify it there, then try again.",
  SsoDomain: "Your email domain may not sign in to Roster.",
  SsoNoRole: "Your single sign-on account has no Roster role. Ask a Roster owner to grant you one.",
  SsoDisabled: "Your Roster access has been disabled. Ask a Roster owner if you need it back.",
} as const;

export type SsoRefusal = keyof typeof SSO_REFUSALS;

export function isSsoRefusal(code: string): code is SsoRefusal {
  return Object.hasOwn(SSO_REFUSALS, code);
}
