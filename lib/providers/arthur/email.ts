import { domainToASCII } from "node:url";

/**
 * An address as Arthur's API takes it. Its schemas say `format: email` (RFC 5321: ASCII), while
 * Roster accepts addresses in any script: the domain is sent in its ASCII form (punycode,
 * `exämple.com` → `xn--exmple-cua.com`), which names the same domain. A local part outside
 * ASCII has no ASCII form; the API schemas refuse those for Arthur before anything is sent
 * (`asciiLocalPart` in lib/invites/constants.ts), so here it is only passed through.
 */
export function arthurEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 0) return email;
  const domain = domainToASCII(email.slice(at + 1));
  return domain ? `${email.slice(0, at)}@${domain}` : email;
}
