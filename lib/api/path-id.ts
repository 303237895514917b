import { z } from "zod";

/**
 * An id taken from the URL path and put back into a provider's URL path. Provider ids
 * never hold these, and each could turn the provider call into another one: `.`/`..`
 * are dot segments a URL parser resolves, slashes separate segments, control characters
 * (NUL included) have no business in an id, and invisible format characters (Unicode Cf:
 * bidirectional overrides, zero-width joiners, soft hyphens) would make an id in the
 * audit log or on screen read as another one.
 */

/** Controls (C0, DEL, C1) and line/paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** Unicode format characters (general category Cf), bidirectional overrides among them. */
const FORMAT = /\p{Cf}/u;

/** True when the text holds a control or an invisible format character. */
export function hasControlOrFormat(value: string): boolean {
  return CONTROL.test(value) || FORMAT.test(value);
}

export function pathId(field: string, max = 200) {
  return z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(max, `${field} must be at most ${max} characters`)
    .refine((v) => v !== "." && v !== "..", `${field} must not be "." or ".."`)
    .refine((v) => !/[/\\]/.test(v), `${field} must not contain a slash`)
    .refine((v) => !CONTROL.test(v), `${field} must not contain control characters`)
    .refine((v) => !FORMAT.test(v), `${field} must not contain invisible format characters (such as bidirectional overrides)`);
}
