import { z } from "zod";

/**
 * An id taken from the URL path and put back into a provider's URL path. Provider ids
 * never hold these, and each could turn the provider call into another one: `.`/`..`
 * are dot segments a URL parser resolves, slashes separate segments, control characters
 * (NUL included) have no business in an id.
 */
export function pathId(field: string, max = 200) {
  return z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(max, `${field} must be at most ${max} characters`)
    .refine((v) => v !== "." && v !== "..", `${field} must not be "." or ".."`)
    .refine((v) => !/[/\\]/.test(v), `${field} must not contain a slash`)
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), `${field} must not contain control characters`);
}
