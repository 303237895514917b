/**
 * An email as Roster compares and keys it: trimmed and lower-cased. The one definition,
 * for the server and the browser alike (input schemas also NFC-normalise: lib/api/email.ts).
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
