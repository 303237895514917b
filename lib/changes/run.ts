import { type AuditAttempt, recordAttempt, recordRefusal, recordResult } from "../audit/log";
import { ApiError } from "../api/errors";
import type { Operator } from "../auth/roles";
import { isProviderError } from "../providers/errors";

/**
 * How every change runs: the attempt is in the audit log before the provider is called,
 * the outcome right after; a refusal by Roster's own rules is logged and never reaches
 * the provider.
 */

export interface ChangeContext {
  operator: Operator;
  requestId: string;
}

export function attemptOf(ctx: ChangeContext, fields: Omit<AuditAttempt, "actor" | "requestId">): AuditAttempt {
  return {
    ...fields,
    actor: { id: ctx.operator.id, email: ctx.operator.email, role: ctx.operator.role },
    requestId: ctx.requestId,
  };
}

/** Logs the refusal, then throws it as a 409 with its code. */
export async function refuse(attempt: AuditAttempt, code: string, message: string): Promise<never> {
  await recordRefusal(attempt, message);
  throw new ApiError(409, code, message);
}

/** Runs the provider call between an attempt row and a result row. Returns the attempt id. */
export async function audited(attempt: AuditAttempt, call: () => Promise<unknown>): Promise<number> {
  const attemptId = await recordAttempt(attempt);
  try {
    await call();
  } catch (error) {
    await recordResult(attemptId, attempt, {
      outcome: "failure",
      providerStatus: isProviderError(error) ? error.status : null,
      providerMessage: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
  await recordResult(attemptId, attempt, { outcome: "success" });
  return attemptId;
}
