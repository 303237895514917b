/**
 * How long what an operator types may be: one set of numbers for the API's zod schemas and the
 * inputs' `maxLength` (browser-safe, no zod). Emails follow RFC 5321: at most 64 characters
 * before the @ and 254 in all (the longest address a mail path carries).
 */
export const INPUT_LIMITS = {
  /** A person's, operator's or service account's name. */
  name: 200,
  /** Why an invite is asked for, approved or rejected. */
  reason: 1000,
  email: 254,
  emailLocal: 64,
  /** Projects (OpenAI) one invite may name. */
  inviteProjects: 100,
} as const;
