import { type AuditAttempt, recordAttempt, recordRefusal, recordResult } from "../audit/log";
import { ApiError } from "../api/errors";
import { brand, hasBrand, setBrand } from "../brand";
import type { Operator } from "../auth/roles";
import { isProviderError } from "../providers/errors";

/**
 * How every change runs: its attempt is in the audit log before anything else happens;
 * then Roster's own rules are checked and the provider is called, and exactly one result
 * is logged: success, failure (with the provider's status and message, or whatever broke
 * first, such as reading the roles) or refused (a rule said no; the provider was never
 * called).
 */

export interface ChangeContext {
  operator: Operator;
  requestId: string;
  /**
   * Set when a second admin's approval performs a change request (the two-person rule):
   * the operator is the approver, and the request and its requester go into the audit row.
   */
  approval?: { requestId: string; requestedBy: { id: string; email: string } };
}

/** The approval behind a change, beside what the change did: both people are on the audit row. */
function withApproval(ctx: ChangeContext, after: unknown): unknown {
  if (!ctx.approval) return after;
  const approval = { request: ctx.approval.requestId, requestedBy: ctx.approval.requestedBy.email, approvedBy: ctx.operator.email };
  return after && typeof after === "object" && !Array.isArray(after) ? { ...after, approval } : { value: after ?? null, approval };
}

export function attemptOf(ctx: ChangeContext, fields: Omit<AuditAttempt, "actor" | "requestId">): AuditAttempt {
  return {
    ...fields,
    ...(ctx.approval ? { after: withApproval(ctx, fields.after) } : {}),
    actor: { id: ctx.operator.id, email: ctx.operator.email, role: ctx.operator.role },
    requestId: ctx.requestId,
  };
}

const REFUSAL = brand("Refusal");

/** A rule refused the change (409 with its code). Recognise it with `isRefusal` (see lib/brand.ts). */
export class Refusal extends ApiError {
  constructor(code: string, message: string) {
    super(409, code, message);
    setBrand(this, REFUSAL);
  }
}

export function isRefusal(value: unknown): value is Refusal {
  return hasBrand(value, REFUSAL);
}

/** Logs a refusal that happened before any single change was attempted (offboarding yourself). */
export async function refuse(attempt: AuditAttempt, code: string, message: string): Promise<never> {
  await recordRefusal(attempt, message);
  throw new Refusal(code, message);
}

/** Runs the checks and the provider call between an attempt row and its result row. */
export async function audited(attempt: AuditAttempt, work: () => Promise<unknown>): Promise<number> {
  const attemptId = await recordAttempt(attempt);
  try {
    await work();
  } catch (error) {
    if (isRefusal(error)) {
      await recordResult(attemptId, attempt, { outcome: "refused", providerMessage: error.message });
    } else {
      await recordResult(attemptId, attempt, {
        outcome: "failure",
        providerStatus: isProviderError(error) ? error.status : null,
        providerMessage: error instanceof Error ? error.message : String(error),
      });
    }
    throw error;
  }
  await recordResult(attemptId, attempt, { outcome: "success" });
  return attemptId;
}
