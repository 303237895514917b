import { normaliseEmail } from "../email";
import type { Operator } from "../auth/roles";
import { log } from "../log";
import { recordEvent } from "./log";

/**
 * Audit rows for who got in and who was turned away: every sign-in (success, failure,
 * throttled) and every change request refused for its Roster role (403) or its input
 * (422). Writing one never changes the answer: a failure to write is logged instead.
 */

type SignInOutcome = "success" | "failure" | "refused";

/** A sign-in attempt by password or single sign-on; `refused` is the throttle saying no. */
export async function auditSignIn(input: {
  email: string | null;
  method: string;
  address?: string | null;
  outcome: SignInOutcome;
  operator?: Pick<Operator, "id" | "email" | "role"> | null;
  message?: string;
}): Promise<void> {
  const email = normaliseEmail(input.operator?.email ?? input.email ?? "").slice(0, 320) || "(none)";
  try {
    await recordEvent(
      {
        actor: { id: input.operator?.id ?? null, email, role: input.operator?.role ?? "anonymous" },
        action: "sign_in",
        target: { id: null, email },
        after: { method: input.method, address: input.address ?? null },
      },
      input.outcome,
      input.message ?? null,
    );
  } catch (error) {
    log.error({ err: error }, "could not write a sign-in to the audit log");
  }
}

/** A change request refused before it ran: the operator's role (403) or the input (422). */
export async function auditRefusedRequest(input: {
  operator: Operator;
  request: Request;
  requestId: string;
  status: number;
  code: string;
  message: string;
}): Promise<void> {
  const { pathname } = new URL(input.request.url);
  try {
    await recordEvent(
      {
        actor: { id: input.operator.id, email: input.operator.email, role: input.operator.role },
        action: "refused_request",
        target: { id: `${input.request.method} ${pathname}`.slice(0, 500), email: null },
        after: { method: input.request.method, path: pathname.slice(0, 500), status: input.status, code: input.code },
        requestId: input.requestId,
      },
      "refused",
      input.message.slice(0, 2000),
    );
  } catch (error) {
    log.error({ err: error }, "could not write a refused request to the audit log");
  }
}
