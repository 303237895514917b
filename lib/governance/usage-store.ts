import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "../db";
import { memberUsage, providerReads } from "../db/schema";
import type { ProviderAdapter, ProviderId } from "../providers/types";
import type { MemberActivity } from "./outside-types";

/**
 * Usage by member (OpenAI's organization usage API grouped by user), read by a background
 * job over the last USAGE_WINDOW_DAYS and stored whole per provider (each read replaces the
 * last), with when it was read (`provider_reads`, kind `usage`): a person's page folds it
 * into their last activity and shows their requests. Never read on a request.
 */

export const USAGE_WINDOW_DAYS = 30;
const KIND = "usage";

export type UsageView = MemberActivity;

/** One read of a provider's usage into the store; null when the provider has no usage by member. */
export async function readAndStoreUsage(provider: ProviderId, adapter: ProviderAdapter | null, now = new Date()): Promise<number | null> {
  if (!adapter?.readUsage) return null;
  const windowStart = new Date(now.getTime() - USAGE_WINDOW_DAYS * 86_400_000);
  const db = await getDb();
  const set = (error: string | null) => ({ lastReadAt: now, lastError: error ? { message: error } : null });
  let usage;
  try {
    usage = await adapter.readUsage(windowStart);
  } catch (error) {
    const failed = set(error instanceof Error ? error.message : String(error));
    await db
      .insert(providerReads)
      .values({ provider, kind: KIND, ...failed })
      .onConflictDoUpdate({ target: [providerReads.provider, providerReads.kind], set: failed });
    throw error;
  }
  await db.transaction(async (tx) => {
    await tx.delete(memberUsage).where(eq(memberUsage.provider, provider));
    if (usage.length)
      await tx.insert(memberUsage).values(
        usage.map((u) => ({
          provider,
          memberId: u.memberId,
          requests: u.requests,
          lastActiveAt: new Date(u.lastActiveAt),
          windowStart,
          readAt: now,
        })),
      );
    await tx
      .insert(providerReads)
      .values({ provider, kind: KIND, ...set(null) })
      .onConflictDoUpdate({ target: [providerReads.provider, providerReads.kind], set: set(null) });
  });
  return usage.length;
}

/** The stored usage of these members. */
export async function usageOf(members: readonly { provider: ProviderId; id: string }[]): Promise<UsageView[]> {
  if (members.length === 0) return [];
  const db = await getDb();
  const providers = [...new Set(members.map((m) => m.provider))];
  const rows = await db
    .select()
    .from(memberUsage)
    .where(
      and(
        inArray(memberUsage.provider, providers),
        inArray(
          memberUsage.memberId,
          members.map((m) => m.id),
        ),
      ),
    );
  return rows
    .filter((r) => members.some((m) => m.provider === r.provider && m.id === r.memberId))
    .map((r) => ({
      provider: r.provider,
      memberId: r.memberId,
      requests: r.requests,
      lastActiveAt: r.lastActiveAt.toISOString(),
      windowStart: r.windowStart.toISOString(),
      readAt: r.readAt.toISOString(),
    }));
}
