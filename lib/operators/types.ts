import { z } from "zod";
import { emailAddress } from "../api/email";
import { INPUT_LIMITS } from "../limits";
import { ROSTER_ROLES, type RosterRole } from "../auth/roles";
import { OPERATOR_PASSWORD_MIN } from "./constants";

/** Roster operators as the API takes and answers them. Shared by routes, service and browser. */

const role = z.enum(ROSTER_ROLES, { error: () => `role must be one of ${ROSTER_ROLES.join(", ")}` });

export { OPERATOR_PASSWORD_MIN } from "./constants";

export const operatorIdParamsSchema = z.object({ id: z.uuid({ error: "id must be an operator id" }) });

export const addOperatorSchema = z
  .object({
    email: emailAddress(),
    name: z
      .string({ error: "name is required" })
      .trim()
      .min(1, "name is required")
      .max(INPUT_LIMITS.name, `name must be at most ${INPUT_LIMITS.name} characters`),
    role,
    /** Their password until they change it; Roster keeps only its scrypt hash. */
    password: z
      .string({ error: "password is required" })
      .min(OPERATOR_PASSWORD_MIN, `password must be at least ${OPERATOR_PASSWORD_MIN} characters`)
      .max(1024, "password is too long"),
  })
  .strict();

export const updateOperatorSchema = z
  .object({
    role: role.optional(),
    disabled: z.boolean({ error: "disabled must be true or false" }).optional(),
  })
  .strict()
  .refine((v) => v.role !== undefined || v.disabled !== undefined, { error: "role or disabled is required", path: ["role"] });

/** `POST /api/account/password`: an operator's own password. */
export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "currentPassword is required" })
      .min(1, "currentPassword is required")
      .max(1024, "currentPassword is too long"),
    newPassword: z
      .string({ error: "newPassword is required" })
      .min(OPERATOR_PASSWORD_MIN, `newPassword must be at least ${OPERATOR_PASSWORD_MIN} characters`)
      .max(1024, "newPassword is too long"),
  })
  .strict();

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
export type AddOperatorInput = z.infer<typeof addOperatorSchema>;
export type UpdateOperatorInput = z.infer<typeof updateOperatorSchema>;

/** One operator as listed (never with a password hash). */
export interface OperatorSummary {
  id: string;
  email: string;
  name: string;
  role: RosterRole;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface OperatorsResponse {
  operators: OperatorSummary[];
}

export interface OperatorResponse {
  operator: OperatorSummary;
  auditId: number;
}
