import { isApiError } from "../api/errors";
import { claimChange, finishChange } from "../invites/change-store";
import { notify } from "../notify";
import type { ChangeOutcome, InviteRequestResponse, RequestedChange } from "../invites/types";
import { isProviderError } from "../providers/errors";
import { createArthurUser, createServiceAccount, oneTimePassword } from "../service-accounts/service";
import type { ArthurAccountResponse, ServiceAccountCredentialsResponse } from "../service-accounts/types";
import type { InviteRequestRow } from "../db/schema";
import { changeGroupMembership, type GroupChangeResult } from "./groups";
import { changeRole } from "./members";
import { performMassChange } from "./mass-change-run";
import type { ChangeContext } from "../audit/change";
import type { ChangeResult } from "./types";

/**
 * Performs an approved change request (the two-person rule), as the approver, with the
 * request and its requester on every audit row. Each kind runs the very change its route
 * runs (one recipe per kind of change). A secret it yields (a new service account's client
 * secret, a new user's one-time password) is answered to the approver once; the request
 * keeps only ids and the audit id.
 */

type Performed = { outcome: ChangeOutcome; secret?: InviteRequestResponse["secret"] };

/** The change done; an answer asking for approval here would be a bug (the approval is in the context). */
function done<T>(result: T | { approvalRequired: true }): T {
  if (result && typeof result === "object" && "approvalRequired" in result) throw new Error("An approved change asked for approval again");
  return result as T;
}

async function perform(ctx: ChangeContext, change: RequestedChange): Promise<Performed> {
  if (change.kind === "arthur_user") {
    const password = oneTimePassword();
    const { account, auditId } = done<ArthurAccountResponse>(
      await createArthurUser(ctx, { email: change.email, firstName: change.firstName, lastName: change.lastName ?? undefined, password }),
    );
    return { outcome: { state: "done", targetId: account.id, auditId }, secret: { kind: "password", password } };
  }
  if (change.kind === "service_account") {
    const created = done<ServiceAccountCredentialsResponse>(await createServiceAccount(ctx, change.name, change.roleId));
    const warning = created.role && "error" in created.role ? `Created without its role: Arthur refused it (${created.role.error})` : null;
    return {
      outcome: { state: "done", targetId: created.account.id, auditId: created.auditId, warning },
      secret: { kind: "client_credentials", ...created.credentials },
    };
  }
  if (change.kind === "mass_change") return { outcome: await performMassChange(ctx, change) };
  if (change.group) {
    const added = done<GroupChangeResult>(
      await changeGroupMembership(ctx, { provider: change.provider, memberId: change.memberId, groupId: change.group.id, change: "add" }),
    );
    return { outcome: { state: "done", targetId: added.targetId, auditId: added.auditId, warning: added.warnings.join(" ") || null } };
  }
  // The approver has read whose membership it is: a grant to their own needs no second confirmation.
  const result = done<ChangeResult>(
    await changeRole(ctx, {
      provider: change.provider,
      memberId: change.memberId,
      role: change.roleId,
      workspaceId: change.workspaceId ?? undefined,
      ...(change.add ? { add: true } : {}),
      confirmSelf: true,
    }),
  );
  return { outcome: { state: "done", targetId: result.targetId, auditId: result.auditId, warning: result.warnings.join(" ") || null } };
}

function failureOf(error: unknown): ChangeOutcome {
  const status = isApiError(error) ? error.status : isProviderError(error) ? error.status : null;
  return { state: "failed", error: { status, message: error instanceof Error ? error.message : String(error) } };
}

/**
 * Performs the change of an approved request once: only the caller that claims it runs
 * it (a repeat approval gets the request as it stands, and no secret). A failure is kept
 * on the request, in the provider's words; it is not retried (a create that got no answer
 * may have happened): ask again.
 */
export async function performApproved(ctx: ChangeContext, request: InviteRequestRow): Promise<Pick<InviteRequestResponse, "secret">> {
  const claimed = await claimChange(request.id);
  if (!claimed) return {};
  const approvalCtx: ChangeContext = {
    ...ctx,
    approval: { requestId: request.id, requestedBy: { id: request.requesterId, email: request.requesterEmail } },
  };
  try {
    const { outcome, secret } = await perform(approvalCtx, claimed.change as RequestedChange);
    await finishChange(request.id, outcome);
    if (outcome.state === "failed") await notify({ kind: "send_failed", requestId: request.id });
    return secret ? { secret } : {};
  } catch (error) {
    await finishChange(request.id, failureOf(error));
    await notify({ kind: "send_failed", requestId: request.id });
    return {};
  }
}
