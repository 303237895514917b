/** Most emails in one invite request. */
export const MAX_EMAILS = 100;

import { INPUT_LIMITS } from "../limits";

/** The part before the @: at most 64 characters (RFC 5321). */
export const EMAIL_LOCAL_MAX = INPUT_LIMITS.emailLocal;
/** An address Roster sends or stores: at most 254 characters (RFC 5321). */
export const EMAIL_MAX = INPUT_LIMITS.email;

/**
 * What counts as an email address, written out so the invite dialog can check addresses as
 * they are pasted without zod in the browser; every API schema for an email uses it too
 * (`emailAddress` in lib/api/email.ts). Letters of any script are welcome on both sides of
 * the @ (`jörg@exämple.com`, internationalised domain names), and punycode (`xn--`) top-level
 * domains too; no leading, trailing or double dot in the local part.
 */
export const EMAIL_PATTERN =
  /^(?!\.)(?!.*\.\.)[\p{L}\p{M}\p{N}_'+\-.]*[\p{L}\p{M}\p{N}_+-]@(?:[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?\.)+(?:[\p{L}\p{M}]{2,}|xn--[a-z0-9-]+)$/u;

/** Why `text` is not an email address Roster takes, or null when it is one. */
export function emailProblem(text: string): string | null {
  if (text.length > EMAIL_MAX) return `is longer than ${EMAIL_MAX} characters`;
  if (!EMAIL_PATTERN.test(text)) return "is not an email address";
  if (text.slice(0, text.lastIndexOf("@")).length > EMAIL_LOCAL_MAX) return `has more than ${EMAIL_LOCAL_MAX} characters before the @`;
  return null;
}

export function isEmailAddress(text: string): boolean {
  return emailProblem(text) === null;
}

/**
 * Whether the part before the @ is ASCII. Arthur's API takes only such addresses (its schemas
 * say `format: email`); its domain may be in any script, sent as punycode. OpenAI's and
 * Astronomer's take any string, so they get the address as typed.
 */
export function asciiLocalPart(email: string): boolean {
  return /^[\x21-\x7e]*$/.test(email.slice(0, Math.max(0, email.lastIndexOf("@"))));
}

export const ARTHUR_ASCII_LOCAL = "Arthur takes only letters a–z, digits and ASCII signs before the @ (the domain may be in any script)";
