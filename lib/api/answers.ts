import { NextResponse } from "next/server";
import type { ApprovalRequiredResponse } from "../invites/types";
import { SECRET_ANSWER_HEADER } from "./idempotency";

function isApprovalRequired(value: unknown): value is ApprovalRequiredResponse {
  return Boolean(value && typeof value === "object" && (value as { approvalRequired?: unknown }).approvalRequired === true);
}

/**
 * A change held for a second admin's approval is answered 202 Accepted with the request;
 * a change done is answered as `wrap` shapes it (200).
 */
export function answerChange<T, R = T>(
  result: T | ApprovalRequiredResponse,
  wrap: (done: T) => R = (done) => done as unknown as R,
): R | Response {
  if (isApprovalRequired(result)) return NextResponse.json(result, { status: 202, headers: { "cache-control": "no-store" } });
  return wrap(result as T);
}

/**
 * An answer that carries a secret only sometimes (an approval that created a service
 * account or a user): marked so that a repeated Idempotency-Key is not answered with it
 * (lib/api/idempotency.ts), as routes with `secretAnswer` are.
 */
export function answerSecret<T extends { secret?: unknown }>(result: T): T | Response {
  if (result.secret === undefined) return result;
  return NextResponse.json(result, { headers: { "cache-control": "no-store", [SECRET_ANSWER_HEADER]: "true" } });
}
