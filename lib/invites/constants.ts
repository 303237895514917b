/** Most emails in one invite request. */
export const MAX_EMAILS = 100;

/**
 * What counts as an email address: zod's own rule, written out so the invite dialog can
 * check addresses as they are pasted without zod in the browser; the API's schema uses it too.
 */
export const EMAIL_PATTERN = /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;
export const EMAIL_MAX = 320;

export function isEmailAddress(text: string): boolean {
  return text.length <= EMAIL_MAX && EMAIL_PATTERN.test(text);
}
