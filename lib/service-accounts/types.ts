import { z } from "zod";
import { normaliseMemberId } from "../providers/ids";
import { emailAddress } from "../api/email";
import { approvalReason } from "../changes/types";
import { INPUT_LIMITS } from "../limits";
import { ARTHUR_ASCII_LOCAL, asciiLocalPart } from "../invites/constants";
import type { ArthurAccount } from "../providers/arthur/adapter";
import type { Member } from "../providers/types";

/**
 * Arthur service accounts and user operations as the API takes and answers them. Shared
 * by the route handlers, the service and the browser.
 */

const text = (field: string, max: number) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(max, `${field} must be at most ${max} characters`);

/** Arthur's account ids are UUIDs; anything else would only come back from Arthur as a 422. */
export const accountIdParamsSchema = z.object({
  id: z.guid({ error: "id must be an Arthur account id (a UUID)" }).transform((id) => normaliseMemberId("arthur", id)),
});

export const serviceAccountNameSchema = z.object({ name: text("name", INPUT_LIMITS.name) }).strict();

/** A new service account and its Arthur organization role (id or name, as `GET /api/roles` lists them). */
export const createServiceAccountSchema = z
  .object({ name: text("name", INPUT_LIMITS.name), role: text("role", 200), reason: approvalReason })
  .strict();

/** Arthur passwords: Roster asks for at least 12 characters. */
export const oneTimePasswordSchema = z
  .string({ error: "password is required" })
  .min(12, "password must be at least 12 characters")
  .max(256, "password must be at most 256 characters");

export const createArthurUserSchema = z
  .object({
    firstName: text("firstName", INPUT_LIMITS.name),
    lastName: z.string().trim().max(INPUT_LIMITS.name, `lastName must be at most ${INPUT_LIMITS.name} characters`).optional(),
    email: emailAddress().refine(asciiLocalPart, `email: ${ARTHUR_ASCII_LOCAL}`),
    /** Optional: without one Roster makes one; a request for approval takes none (the approval makes it). */
    password: oneTimePasswordSchema.optional(),
    /** Why: shown to the admin who approves it (the two-person rule). */
    reason: approvalReason,
  })
  .strict();

export const updateArthurUserSchema = z
  .object({
    firstName: text("firstName", INPUT_LIMITS.name).optional(),
    lastName: z.string().trim().max(INPUT_LIMITS.name, `lastName must be at most ${INPUT_LIMITS.name} characters`).optional(),
  })
  .strict()
  .refine((v) => v.firstName !== undefined || v.lastName !== undefined, {
    error: "firstName or lastName is required",
    path: ["firstName"],
  });

export type CreateArthurUserInput = z.infer<typeof createArthurUserSchema>;
export type UpdateArthurUserInput = z.infer<typeof updateArthurUserSchema>;

/** `GET /api/service-accounts`. */
export interface ServiceAccountsResponse {
  accounts: Member[];
  /** Roster's own Arthur identity, when it is one of these accounts (regenerating its secret may lock Roster out). */
  selfId: string | null;
  /** Whether Arthur is served from its sandbox. */
  mode: "live" | "sandbox" | "unconfigured";
}

/**
 * `POST /api/service-accounts` and `POST /api/service-accounts/{id}/credentials`: the only
 * answers that ever carry a client secret. Roster neither stores nor logs it.
 */
export interface ServiceAccountCredentialsResponse {
  account: ArthurAccount;
  credentials: { clientId: string; clientSecret: string };
  auditId: number;
  /** Creation only: the organization role it was given, or why it has none (Arthur refused the binding). */
  role?: { name: string } | { error: string };
}

/** Renames, user creation and user edits. */
export interface ArthurAccountResponse {
  account: ArthurAccount;
  auditId: number;
  /** User creation without a password: the one-time password Roster made, answered once and never kept. */
  password?: string;
}
