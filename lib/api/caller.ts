import { getOperator } from "../auth/session";
import type { Operator } from "../auth/roles";
import { PROVIDER_IDS, type ProviderId } from "../providers/types";
import { bearerOf } from "../tokens/secret";
import { authenticateToken } from "../tokens/service";
import { ApiError } from "./errors";

/**
 * Who makes a request: an API token when it sends `Authorization: Bearer roster_pat_…`
 * (the token wins over a session cookie sent alongside), else the signed-in operator.
 * What a token may not do that its role would allow: routes only a person may call, and
 * providers outside its limit.
 */

export async function callerOf(request: Request, requestId: string): Promise<Operator | null> {
  const bearer = bearerOf(request);
  if (bearer === null) return getOperator();
  return authenticateToken(bearer, request, requestId);
}

export interface TokenRules<I> {
  /** Why only a signed-in person may call this route (API tokens are refused with that reason). */
  sessionOnly?: string;
  /** The providers a call acts on (null: every provider); a token limited to others is refused. */
  providers?: (input: I) => readonly ProviderId[] | null;
}

/** Before anything is read: a route only a person may call refuses a token. */
export function assertNotSessionOnly(operator: Operator, rules: TokenRules<unknown>): void {
  if (operator.token && rules.sessionOnly) {
    throw new ApiError("session_required", `API tokens cannot call this route: ${rules.sessionOnly}`);
  }
}

/** Once the input is parsed: every provider the call acts on must be within the token's limit. */
export function assertTokenProviders<I>(operator: Operator, rules: TokenRules<I>, input: I): void {
  const token = operator.token;
  if (!token?.providers || !rules.providers) return;
  const allowed = new Set(token.providers);
  const touched = rules.providers(input) ?? PROVIDER_IDS;
  const outside = touched.filter((p) => !allowed.has(p));
  if (outside.length) {
    const whole = rules.providers(input) === null ? " (this call acts on every provider: name the providers it should act on)" : "";
    throw new ApiError(
      "token_provider_forbidden",
      `The API token ${token.name} is limited to ${token.providers.join(", ")}; this call acts on ${outside.join(", ")}${whole}`,
    );
  }
}
