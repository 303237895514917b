import { z } from "zod";
import { emailProblem } from "../invites/constants";

/**
 * An email address as every API schema takes it: trimmed, Unicode-normalised (NFC) and
 * lower-cased; any script (`jörg@exämple.com`), at most 64 characters before the @.
 * `message` words the refusal: "email is not an email address", say.
 */
export function emailAddress(message: (problem: string, input: string) => string = (problem) => `email ${problem}`) {
  return z
    .string({ error: message("is required", "") })
    .trim()
    .transform((value) => value.normalize("NFC").toLowerCase())
    .superRefine((value, ctx) => {
      const problem = emailProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: message(problem, value) });
    });
}
