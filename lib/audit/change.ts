import { ApiError } from "../api/errors";
import { ERROR_STATUS, type ErrorCode } from "../api/error-codes";
import type { Operator } from "../auth/roles";
import { brand, hasBrand, setBrand } from "../brand";
import { isProviderError } from "../providers/errors";
import { type AuditAttempt, type AuditResult, recordAttempt, recordRefusal, recordResult } from "./log";

/**
 * The one recipe for an audited change: the attempt is on the audit log before anything
 * else happens; then the work runs (Roster's own rules, the provider call, the database
 * write), and exactly one result is logged:
 *
 * - success, when the work returns;
 * - refused, when it throws a `Refusal` (a rule said no; nothing was changed);
 * - failure, when it throws anything else (with the provider's status and words);
 * - whatever the work settled on instead (`step.settle`): a failure it handled itself,
 *   a skip (nothing needed doing), a success with what the provider answered.
 *
 * A change made of steps (remove everywhere, a service account and its role) gives its
 * steps `parentId`: the audit log shows them under the parent entry.
 */

export interface ChangeContext {
  operator: Operator;
  requestId: string;
  /** The audit entry this change is a step of. */
  parentAuditId?: number;
  /**
   * Set when a second admin's approval performs a change request (the two-person rule):
   * the operator is the approver, and the request and its requester go into the audit row.
   */
  approval?: { requestId: string; requestedBy: { id: string; email: string } };
  /** Set when an access review's decision makes the change (lib/reviews): the campaign and item go into the audit row. */
  review?: { campaignId: string; campaignName: string; itemId: number };
  /** Set on the steps of a change the mass-change guard counted already (lib/changes/mass-change.ts). */
  massCounted?: boolean;
}

/**
 * The approval behind a change, beside what the change did: both people are on the audit
 * row; and the access review whose decision it carries out, by campaign and item.
 */
function withContext(ctx: ChangeContext, after: unknown): unknown {
  const extra = {
    ...(ctx.approval
      ? { approval: { request: ctx.approval.requestId, requestedBy: ctx.approval.requestedBy.email, approvedBy: ctx.operator.email } }
      : {}),
    ...(ctx.review ? { review: { campaign: ctx.review.campaignId, name: ctx.review.campaignName, item: ctx.review.itemId } } : {}),
  };
  if (!ctx.approval && !ctx.review) return after;
  return after && typeof after === "object" && !Array.isArray(after) ? { ...after, ...extra } : { value: after ?? null, ...extra };
}

/** The attempt for a change made by the signed-in operator (a step of `ctx.parentAuditId`, if any). */
export function attemptOf(ctx: ChangeContext, fields: Omit<AuditAttempt, "actor" | "requestId" | "parentId">): AuditAttempt {
  return {
    ...fields,
    ...(ctx.approval || ctx.review ? { after: withContext(ctx, fields.after) } : {}),
    actor: { id: ctx.operator.id, email: ctx.operator.email, role: ctx.operator.role },
    requestId: ctx.requestId,
    parentId: ctx.parentAuditId ?? null,
  };
}

const REFUSAL = brand("Refusal");

/** The codes answered 409: a rule or the current state refused the change. */
type RefusalCode = { [C in ErrorCode]: (typeof ERROR_STATUS)[C] extends 409 ? C : never }[ErrorCode];

function isRefusalCode(code: ErrorCode): code is RefusalCode {
  return ERROR_STATUS[code] === 409;
}

/** A rule refused the change (409 with its code). Recognise it with `isRefusal` (see lib/brand.ts). */
export class Refusal extends ApiError {
  constructor(code: RefusalCode, message: string) {
    super(code, message);
    setBrand(this, REFUSAL);
  }
}

export function isRefusal(value: unknown): value is Refusal {
  return hasBrand(value, REFUSAL);
}

/** Logs a refusal that happened before the change was attempted, and throws it (a 409 is a `Refusal`). */
export async function refuse(attempt: AuditAttempt, code: ErrorCode, message: string): Promise<never> {
  await recordRefusal(attempt, message);
  throw isRefusalCode(code) ? new Refusal(code, message) : new ApiError(code, message);
}

/** What the work of a change may do besides returning or throwing. */
export interface ChangeStep {
  /** The attempt's row id: the parent of any step this change makes. */
  readonly auditId: number;
  /** Logs this result instead of a plain success when the work returns. */
  settle(result: AuditResult): void;
}

function failureOf(error: unknown): AuditResult {
  if (isRefusal(error)) return { outcome: "refused", providerMessage: error.message };
  return {
    outcome: "failure",
    providerStatus: isProviderError(error) ? error.status : null,
    providerMessage: error instanceof Error ? error.message : String(error),
  };
}

/** Runs `work` between the attempt row and its result row; answers the attempt's id. */
export async function auditedChange(attempt: AuditAttempt, work: (step: ChangeStep) => Promise<unknown>): Promise<number> {
  const auditId = await recordAttempt(attempt);
  let settled: AuditResult | null = null;
  const step: ChangeStep = {
    auditId,
    settle: (result) => {
      settled = result;
    },
  };
  try {
    await work(step);
  } catch (error) {
    await recordResult(auditId, attempt, failureOf(error));
    throw error;
  }
  await recordResult(auditId, attempt, settled ?? { outcome: "success" });
  return auditId;
}

/** A change that failed before its work could start (a provider that could not be read): both rows, then the error. */
export async function auditedFailure(attempt: AuditAttempt, error: unknown): Promise<never> {
  await auditedChange(attempt, () => Promise.reject(error));
  throw error;
}
