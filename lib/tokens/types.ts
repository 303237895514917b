import { z } from "zod";
import { ROSTER_ROLES, type RosterRole } from "../auth/roles";
import { PROVIDER_IDS, type ProviderId } from "../providers/types";

/** API tokens as the API takes and answers them. Shared by routes, service and browser. */

export { TOKEN_ACTOR_PREFIX, TOKEN_MAX_DAYS, TOKEN_NAME_MAX, TOKEN_PREFIX } from "./constants";
import { TOKEN_MAX_DAYS, TOKEN_NAME_MAX } from "./constants";

export const tokenIdParamsSchema = z.object({ id: z.uuid({ error: "id must be an API token id" }) });

export const createTokenSchema = z
  .object({
    /** Lower-case letters, digits, dots, dashes and underscores: it reads in the audit log as `token:<name>`. */
    name: z
      .string({ error: "name is required" })
      .trim()
      .min(1, "name is required")
      .max(TOKEN_NAME_MAX, `name must be at most ${TOKEN_NAME_MAX} characters`)
      .regex(/^[a-z0-9][a-z0-9._-]*$/, "name must be lower-case letters, digits, '.', '-' or '_', starting with a letter or digit"),
    role: z.enum(ROSTER_ROLES, { error: () => `role must be one of ${ROSTER_ROLES.join(", ")}` }),
    /** Only these providers; left out: every provider. */
    providers: z
      .array(z.enum(PROVIDER_IDS, { error: () => `providers must each be one of ${PROVIDER_IDS.join(", ")}` }))
      .min(1, "providers must name at least one provider (or be left out for all)")
      .refine((list) => new Set(list).size === list.length, "providers must not repeat a provider")
      .optional(),
    /** When it stops working: a date-time with a zone, in the future, at most TOKEN_MAX_DAYS days ahead. */
    expiresAt: z.iso
      .datetime({ offset: true, error: "expiresAt must be an ISO 8601 date-time with a zone (2027-01-31T00:00:00Z)" })
      .transform((v) => new Date(v))
      .refine((d) => d.getTime() > Date.now(), "expiresAt must be in the future")
      .refine((d) => d.getTime() <= Date.now() + TOKEN_MAX_DAYS * 86_400_000, `expiresAt must be at most ${TOKEN_MAX_DAYS} days ahead`),
  })
  .strict();

export type CreateTokenInput = z.infer<typeof createTokenSchema>;

/** One token as listed: never its secret or hash. */
export interface TokenSummary {
  id: string;
  name: string;
  role: RosterRole;
  /** null: every provider. */
  providers: ProviderId[] | null;
  createdByEmail: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedByEmail: string | null;
  state: "active" | "expired" | "revoked";
}

export interface TokensResponse {
  tokens: TokenSummary[];
}

/** The answer to a create: the only time the secret is ever sent. */
export interface CreatedTokenResponse {
  token: TokenSummary;
  secret: string;
  auditId: number;
}

export interface RevokedTokenResponse {
  token: TokenSummary;
  auditId: number;
}
