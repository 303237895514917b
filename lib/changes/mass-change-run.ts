import { isApiError } from "../api/errors";
import { attemptOf, auditedChange, type ChangeContext } from "../audit/change";
import type { ChangeOutcome, MassChangeItem, RequestedChange } from "../invites/types";
import { revokeInvite } from "./invites";
import { changeRole, removeMember } from "./members";
import { counted } from "./mass-change";
import { offboard } from "./offboard";

/**
 * Runs an approved mass change (lib/changes/mass-change.ts) as the approver: one audit
 * entry (`mass_change`, with the request and both people) and each item a step under it,
 * each run by the very function its route runs. An item that fails leaves the others
 * done; the entry and the request say how many failed and why.
 */

type MassChange = Extract<RequestedChange, { kind: "mass_change" }>;

async function runItem(ctx: ChangeContext, item: MassChangeItem): Promise<void> {
  if (item.action === "change_role") {
    await changeRole(ctx, {
      provider: item.provider,
      memberId: item.memberId,
      role: item.role,
      workspaceId: item.workspaceId ?? undefined,
      confirmSelf: true,
    });
  } else if (item.action === "remove_member") {
    await removeMember(ctx, {
      provider: item.provider,
      memberId: item.memberId,
      workspaceId: item.workspaceId ?? undefined,
      confirmSelf: true,
    });
  } else if (item.action === "revoke_invite") {
    await revokeInvite(ctx, { provider: item.provider, inviteId: item.inviteId });
  } else {
    const result = await offboard(ctx, { email: item.email, providers: item.providers ?? undefined, confirmSelf: true });
    const failed = "steps" in result ? result.steps.filter((s) => !s.ok) : [];
    if (failed.length) throw new Error(`${failed.length} of its steps failed`);
  }
}

function itemLabel(item: MassChangeItem): string {
  if (item.action === "offboard") return item.email;
  return `${item.email ?? (item.action === "revoke_invite" ? item.inviteId : item.memberId)} on ${item.provider}`;
}

export async function performMassChange(ctx: ChangeContext, change: MassChange): Promise<ChangeOutcome> {
  const attempt = attemptOf(ctx, {
    action: "mass_change",
    target: { id: ctx.approval?.requestId ?? null, email: null },
    before: null,
    after: { memberships: change.memberships, items: change.items.length },
  });
  const failures: string[] = [];
  const auditId = await auditedChange(attempt, async (entry) => {
    const stepCtx = counted({ ...ctx, parentAuditId: entry.auditId });
    for (const item of change.items) {
      try {
        await runItem(stepCtx, item);
      } catch (error) {
        failures.push(`${itemLabel(item)}: ${isApiError(error) || error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length)
      entry.settle({
        outcome: "failure",
        providerMessage: `${failures.length} of ${change.items.length} changes failed (${failures.slice(0, 5).join("; ")})`,
      });
  });
  if (failures.length) {
    return {
      state: "failed",
      auditId,
      error: { status: null, message: `${failures.length} of ${change.items.length} changes failed: ${failures.slice(0, 5).join("; ")}` },
    };
  }
  return { state: "done", auditId };
}
