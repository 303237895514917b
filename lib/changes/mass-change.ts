import { and, eq, gt, sql } from "drizzle-orm";
import type { ErrorCode } from "../api/error-codes";
import { ConfigError } from "../config";
import { getDb } from "../db";
import { massChanges } from "../db/schema";
import { attemptOf, type ChangeContext, refuse } from "../audit/change";
import { requestChange } from "../invites/change-requests";
import type { ApprovalRequiredResponse, MassChangeItem } from "../invites/types";

/**
 * The mass-change guard: an operator (or API token) who changes more than
 * ROSTER_MASS_CHANGE_THRESHOLD memberships (default 10) within
 * ROSTER_MASS_CHANGE_WINDOW_MINUTES (default 60, a sliding window) needs a second admin.
 * Role changes, removals, revoked invites and offboards count (an offboard counts each
 * membership it touches), single calls and bulks alike, so splitting a bulk does not avoid
 * it. The change that would cross the threshold is not run: it becomes one change request
 * (kind `mass_change`, with all its items) that an admin other than the requester approves
 * (lib/changes/approved.ts runs it then, as one audited entry with its items as steps).
 *
 * Counted from Roster's own database (`mass_changes`): the count and the record of a change
 * that may run happen in one transaction under a per-operator advisory lock, so two servers
 * on one Postgres cannot both let a change through. What is recorded is a change Roster
 * attempted alone; a change that then failed at the provider still counts.
 *
 * An API token cannot ask for an approval (a request has a person behind it): a token whose
 * change would cross the threshold is refused, 403 `mass_change_threshold`, audited.
 */

export const MASS_CHANGE_DEFAULTS = { threshold: 10, windowMinutes: 60 } as const;
export const MASS_CHANGE_CODE = "mass_change_threshold" satisfies ErrorCode;

export interface MassChangePolicy {
  threshold: number;
  windowMinutes: number;
}

export function massChangePolicy(env: Record<string, string | undefined> = process.env): MassChangePolicy {
  const rawThreshold = env.ROSTER_MASS_CHANGE_THRESHOLD?.trim();
  const threshold = rawThreshold ? Number(rawThreshold) : MASS_CHANGE_DEFAULTS.threshold;
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > 10_000_000) {
    throw new ConfigError(`ROSTER_MASS_CHANGE_THRESHOLD must be a whole number from 1 to 10000000, got "${rawThreshold}"`);
  }
  const rawWindow = env.ROSTER_MASS_CHANGE_WINDOW_MINUTES?.trim();
  const windowMinutes = rawWindow ? Number(rawWindow) : MASS_CHANGE_DEFAULTS.windowMinutes;
  if (!Number.isFinite(windowMinutes) || windowMinutes <= 0 || windowMinutes > 43_200) {
    throw new ConfigError(`ROSTER_MASS_CHANGE_WINDOW_MINUTES must be minutes above 0 and at most 43200, got "${rawWindow}"`);
  }
  return { threshold, windowMinutes };
}

/** Memberships a set of changes touches: one each, an offboard as many as the person has. */
export function membershipsOf(items: readonly MassChangeItem[]): number {
  return items.reduce((sum, item) => sum + (item.action === "offboard" ? Math.max(1, item.memberships) : 1), 0);
}

/** Where an operator stands: memberships changed alone in the window, and whether `adding` more would cross the threshold. */
export interface MassChangeStanding extends MassChangePolicy {
  recent: number;
  adding: number;
  needsApproval: boolean;
}

function windowStart(now: Date, policy: MassChangePolicy): Date {
  return new Date(now.getTime() - policy.windowMinutes * 60_000);
}

/** The note the dialogs and the request show. */
export function massChangeNote(standing: MassChangeStanding): string {
  const window = standing.windowMinutes === 60 ? "an hour" : `${standing.windowMinutes} minutes`;
  return `This needs a second admin's approval (more than ${standing.threshold} changes in ${window}: ${standing.recent} made, ${standing.adding} more asked)`;
}

type Tx = Parameters<Parameters<Awaited<ReturnType<typeof getDb>>["transaction"]>[0]>[0];

async function recentIn(tx: Tx | Awaited<ReturnType<typeof getDb>>, operatorId: string, since: Date): Promise<number> {
  const [row] = await tx
    .select({ total: sql<string | number | null>`coalesce(sum(${massChanges.memberships}), 0)` })
    .from(massChanges)
    .where(and(eq(massChanges.operatorId, operatorId), gt(massChanges.at, since)));
  return Number(row?.total ?? 0);
}

/** Where the operator stands, without recording anything (dry runs). */
export async function massChangeStanding(
  operatorId: string,
  adding: number,
  now = new Date(),
  policy = massChangePolicy(),
): Promise<MassChangeStanding> {
  const recent = await recentIn(await getDb(), operatorId, windowStart(now, policy));
  return { ...policy, recent, adding, needsApproval: recent + adding > policy.threshold };
}

/**
 * Counts and, when within the threshold, records the change, in one transaction under a
 * per-operator lock (Postgres advisory lock; PGlite has one connection anyway).
 */
export async function reserveMassChange(
  operatorId: string,
  adding: number,
  now = new Date(),
  policy = massChangePolicy(),
): Promise<MassChangeStanding> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`roster:mass_change:${operatorId}`}))`);
    const recent = await recentIn(tx, operatorId, windowStart(now, policy));
    const standing = { ...policy, recent, adding, needsApproval: recent + adding > policy.threshold };
    if (!standing.needsApproval) await tx.insert(massChanges).values({ operatorId, at: now, memberships: adding });
    return standing;
  });
}

/** A change the guard holds: the request it opened (202), and where the operator stood. */
export type MassChangeHeld = ApprovalRequiredResponse & { massChange: MassChangeStanding & { note: string } };

/** A context whose changes the guard has counted already (the steps of an offboard or of an approved request). */
export function counted(ctx: ChangeContext): ChangeContext {
  return { ...ctx, massCounted: true };
}

/**
 * The guard for one call or a whole bulk (one call for all its items): null when the
 * changes may run now (they are counted), else the change request opened for all of them
 * (nothing runs). `check` is Roster's rules that can be checked now (your own membership,
 * the last owner): a request is opened only when they pass. A change an approval performs,
 * or a step of a change already counted, is not counted again.
 */
export async function checkMassChange(
  ctx: ChangeContext,
  items: readonly MassChangeItem[],
  options: { reason?: string; check?: () => Promise<void> } = {},
): Promise<MassChangeHeld | null> {
  if (ctx.approval || ctx.massCounted || items.length === 0) return null;
  const adding = membershipsOf(items);
  const standing = await reserveMassChange(ctx.operator.id, adding);
  if (!standing.needsApproval) return null;
  const note = massChangeNote(standing);
  if (ctx.operator.token) {
    const first = items[0];
    const attempt = attemptOf(ctx, {
      action: "request_change",
      provider: first.action === "offboard" ? null : first.provider,
      target: { id: null, email: first.email ?? null },
      before: null,
      after: { kind: "mass_change", memberships: adding, items },
    });
    await refuse(
      attempt,
      MASS_CHANGE_CODE,
      `${note}. An API token cannot ask for an approval: wait until the window allows it, or ask in Roster's console, signed in`,
    );
  }
  const held = await requestChange(
    ctx,
    { kind: "mass_change", memberships: adding, items: [...items] },
    options.reason ?? note,
    options.check,
  );
  return { ...held, massChange: { ...standing, note } };
}
