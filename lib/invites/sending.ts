import { attemptOf, auditedChange, type ChangeContext, type ChangeStep } from "../audit/change";
import type { AuditAttempt } from "../audit/log";
import { isApiError } from "../api/errors";
import { mergeInvites } from "../directory/fetch";
import { patchSnapshot } from "../directory/snapshot";
import type { InviteRequestItemRow } from "../db/schema";
import { isProviderError } from "../providers/errors";
import { configuredProvider } from "../providers/registry";
import type { Invite, ProviderAdapter, ProviderId } from "../providers/types";
import { notify } from "../notify";
import { gatherEvidence, type ProviderEvidence } from "./evidence";
import { sendLeaseMs } from "./policy";
import { claimItem, claimQueued, finishItem, type ItemOutcome, renewClaim } from "./repository";
import { isRetryable, mayHaveSent, planItem, SKIP_MESSAGES } from "./rules";
import type { SkipReason } from "./types";

/**
 * Sending the invites of an approved request, per email and per provider. Each item is
 * claimed (queued → sending) by one conditional UPDATE before the provider is called, so
 * a double click, a second server or a retry never sends it twice; the provider is
 * checked for the member and the invite first (skip rules), and again after a send that
 * went unanswered (timeout, 5xx), which is reconciled from what the provider shows,
 * never by sending blindly.
 */

interface Claimed {
  item: InviteRequestItemRow;
  /** An earlier attempt may have reached the provider. */
  mayHaveSent: boolean;
}

function leaseUntil(): Date {
  return new Date(Date.now() + sendLeaseMs());
}

function errorOf(error: unknown): { status: number | null; message: string } {
  if (isApiError(error)) return { status: error.status, message: error.message };
  if (isProviderError(error)) return { status: error.status, message: error.message };
  return { status: null, message: error instanceof Error ? error.message : String(error) };
}

/** No answer, or a server error: the provider may have created the invite anyway. */
function isUnanswered(error: unknown): boolean {
  if (!isProviderError(error)) return false;
  return error.kind !== "http" || (error.status !== null && error.status >= 500);
}

/** The directory shows a new invite at once, as `lib/changes` does for its changes. */
async function showInDirectory(provider: ProviderId, item: InviteRequestItemRow, invite: Invite | null, id: string | null) {
  const shown: Invite = invite ?? {
    provider,
    id: id ?? `invite:${item.email}`,
    email: item.email,
    role: item.roleName,
    createdAt: new Date().toISOString(),
    expiresAt: null,
  };
  await patchSnapshot(provider, (members) => mergeInvites(members, [{ ...shown, role: item.roleName }]));
}

class ItemSender {
  private readonly label: string;

  constructor(
    private readonly ctx: ChangeContext,
    private readonly requestId: string,
    private readonly provider: ProviderId,
    private readonly adapter: ProviderAdapter,
  ) {
    this.label = configuredProvider(provider).label;
  }

  private attempt(item: InviteRequestItemRow): AuditAttempt {
    return attemptOf(this.ctx, {
      action: "send_invite",
      provider: this.provider,
      target: { id: item.id, email: item.email },
      before: null,
      after: { role: item.roleName, request: this.requestId },
    });
  }

  private ledgerFor(item: InviteRequestItemRow): ItemOutcome["ledger"] {
    return this.adapter.capabilities.listInvites ? undefined : { provider: this.provider, roleId: item.roleId, roleName: item.roleName };
  }

  private async sent(item: InviteRequestItemRow, invite: Invite | null, inviteId: string | null) {
    const listed = this.adapter.capabilities.listInvites;
    const { ledgerId } = await finishItem(item, {
      state: "sent",
      providerInviteId: listed ? (invite?.id ?? inviteId) : null,
      maybeSent: false,
      ledger: this.ledgerFor(item),
    });
    await showInDirectory(this.provider, item, invite, ledgerId ?? inviteId);
  }

  /** Nothing to send (already a member, or invited): audited as skipped, not as refused. */
  async skip(item: InviteRequestItemRow, reason: SkipReason) {
    await auditedChange(this.attempt(item), async (entry) => {
      await finishItem(item, { state: "skipped", skipReason: reason });
      entry.settle({
        outcome: "skipped",
        providerMessage: `${item.email} is ${SKIP_MESSAGES[reason]} on ${this.label}: not invited again`,
      });
    });
  }

  /** An earlier send did reach the provider: record it as sent, without sending again. */
  async reconciled(item: InviteRequestItemRow, inviteId: string | null, entry?: ChangeStep) {
    const settle = async (step: ChangeStep) => {
      await this.sent(item, null, inviteId);
      step.settle({ outcome: "success", providerMessage: `${this.label} shows the invite for ${item.email}: an earlier send reached it` });
    };
    if (entry) await settle(entry);
    else await auditedChange(this.attempt(item), settle);
  }

  /** The evidence could not be read: nothing is sent; an item that may have been sent stays to be checked. */
  async unchecked(item: Claimed, error: unknown) {
    const { status, message } = errorOf(error);
    const text = `Could not check ${this.label} for existing members and invites: ${message}`;
    await finishItem(
      item.item,
      item.mayHaveSent
        ? { state: "sending", errorStatus: status, errorMessage: text, maybeSent: true }
        : { state: "failed", errorStatus: status, errorMessage: text },
    );
  }

  /** A failed send is settled here, not thrown: the other items of the batch go on. */
  async send(item: InviteRequestItemRow) {
    await auditedChange(this.attempt(item), async (entry) => {
      let invite: Invite | null;
      try {
        invite = await this.adapter.invite({
          email: item.email,
          role: item.roleId,
          ...(item.projects ? { projects: item.projects.map(({ id, role }) => ({ id, role })) } : {}),
        });
      } catch (error) {
        if (isUnanswered(error)) return this.afterUnanswered(item, error, entry);
        const { status, message } = errorOf(error);
        await finishItem(item, { state: "failed", errorStatus: status, errorMessage: message });
        entry.settle({ outcome: "failure", providerStatus: status, providerMessage: message });
        return;
      }
      // Should this write fail, the item stays `sending` under its lease, and a retry finds the invite.
      await this.sent(item, invite, null);
      entry.settle({
        outcome: "success",
        after: {
          role: item.roleName,
          ...(item.projects ? { projects: item.projects } : {}),
          request: this.requestId,
          inviteId: invite?.id ?? null,
        },
      });
    });
  }

  /** A send with no clear answer: look at the provider before offering a retry. */
  private async afterUnanswered(item: InviteRequestItemRow, error: unknown, entry: ChangeStep) {
    const { status, message } = errorOf(error);
    let evidence: ProviderEvidence;
    try {
      evidence = await gatherEvidence(this.provider, this.adapter, [item.email]);
    } catch (checkError) {
      const text = `${message}; could not check whether ${this.label} created the invite (${errorOf(checkError).message}): a retry checks first`;
      await finishItem(item, { state: "sending", errorStatus: status, errorMessage: text, maybeSent: true });
      entry.settle({ outcome: "failure", providerStatus: status, providerMessage: text });
      return;
    }
    const found = evidence.forEmail(item.email).invite;
    if (found) return this.reconciled(item, found.id, entry);
    const text = `${message}; ${this.label} shows no invite for ${item.email}, so it can be retried`;
    await finishItem(item, { state: "failed", errorStatus: status, errorMessage: text, maybeSent: true });
    entry.settle({ outcome: "failure", providerStatus: status, providerMessage: text });
  }
}

async function sendForProvider(ctx: ChangeContext, requestId: string, provider: ProviderId, claimed: Claimed[]) {
  const configured = configuredProvider(provider);
  if (!configured.adapter) {
    const message = `${configured.label} is not configured (${configured.settings.missing ?? "no credentials"})`;
    for (const { item } of claimed) await finishItem(item, { state: "failed", errorStatus: 422, errorMessage: message });
    return;
  }
  const sender = new ItemSender(ctx, requestId, provider, configured.adapter);
  let evidence: ProviderEvidence;
  try {
    evidence = await gatherEvidence(
      provider,
      configured.adapter,
      claimed.map((c) => c.item.email),
    );
  } catch (error) {
    for (const item of claimed) await sender.unchecked(item, error);
    return;
  }
  // One at a time per provider: providers rate-limit invites, and the order stays readable in the audit log.
  for (const { item, mayHaveSent: maybe } of claimed) {
    // A long batch must not outlive its claims: another server would take them as abandoned.
    if (!(await renewClaim(item, leaseUntil()))) continue;
    const plan = planItem(evidence.forEmail(item.email), maybe);
    if (plan.kind === "skip") await sender.skip(item, plan.reason);
    else if (plan.kind === "reconciled") await sender.reconciled(item, plan.inviteId);
    else await sender.send(item);
  }
}

async function processClaimed(ctx: ChangeContext, requestId: string, claimed: Claimed[]) {
  const providers = [...new Set(claimed.map((c) => c.item.provider))];
  await Promise.all(
    providers.map((p) =>
      sendForProvider(
        ctx,
        requestId,
        p,
        claimed.filter((c) => c.item.provider === p),
      ),
    ),
  );
  // The items' results are recorded: the admins hear of any that failed (nothing is said when none did).
  if (claimed.length) await notify({ kind: "send_failed", requestId });
}

/** Sends the items of an approved request nobody has taken up yet. */
export async function sendQueued(ctx: ChangeContext, requestId: string): Promise<void> {
  const claimed = await claimQueued(requestId, leaseUntil());
  await processClaimed(
    ctx,
    requestId,
    claimed.map((item) => ({ item, mayHaveSent: false })),
  );
}

/**
 * Takes up the items a server that stopped left `sending` once their lease is over: each is
 * reconciled from what the provider shows before anything is sent (never sent blindly).
 */
export function sendAbandoned(ctx: ChangeContext, requestId: string, items: InviteRequestItemRow[]): Promise<number> {
  return retryItems(
    ctx,
    requestId,
    items.filter((item) => item.state === "sending"),
  );
}

/**
 * Takes up again the items that failed, were never sent, or were left `sending` by a
 * server that stopped; returns how many it claimed.
 */
export async function retryItems(ctx: ChangeContext, requestId: string, items: InviteRequestItemRow[]): Promise<number> {
  const now = new Date();
  const claimed: Claimed[] = [];
  for (const seen of items.filter((item) => isRetryable(item, now))) {
    const item = await claimItem(seen, leaseUntil());
    if (item) claimed.push({ item, mayHaveSent: mayHaveSent(seen) });
  }
  await processClaimed(ctx, requestId, claimed);
  return claimed.length;
}
