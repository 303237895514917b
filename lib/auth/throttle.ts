import { and, count, gt, inArray, lt, sql } from "drizzle-orm";
import { auditSignIn } from "../audit/access";
import { ConfigError } from "../config";
import { getDb } from "../db";
import { signInFailures } from "../db/schema";
import { normaliseEmail } from "../email";

/** Environment variables (process.env, or a test's own). */
type Env = Record<string, string | undefined>;

/**
 * The sign-in throttle: after SIGN_IN_MAX_PER_EMAIL failed sign-ins for one email, or
 * `ROSTER_SIGNIN_MAX_PER_ADDRESS` (default 5) from one client address, within
 * SIGN_IN_WINDOW_S seconds, further attempts are refused before any password is checked,
 * until the oldest counted failure leaves the window.
 *
 * Counted in the database (`sign_in_failures`), so every Roster server shares it. An
 * attempt is claimed before its password is checked: under an advisory lock per key,
 * Roster counts the key's rows of the window and, below the limit, inserts one row per
 * key. A sign-in that succeeds deletes its rows; a failure keeps them. So a burst of
 * parallel attempts (on one server or many) gets exactly the limit's worth of password
 * checks, and an attempt still being checked counts until it is answered.
 */

export const SIGN_IN_WINDOW_S = 60;
export const SIGN_IN_MAX_PER_EMAIL = 5;
const DEFAULT_MAX_PER_ADDRESS = 5;
const LOCK_NAMESPACE = 727_277;
const PRUNE_EVERY_MS = SIGN_IN_WINDOW_S * 1000;

export function maxPerAddress(env: Env = process.env): number {
  const raw = env.ROSTER_SIGNIN_MAX_PER_ADDRESS?.trim();
  if (!raw) return DEFAULT_MAX_PER_ADDRESS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) {
    throw new ConfigError(`ROSTER_SIGNIN_MAX_PER_ADDRESS must be a whole number from 1 to 100000, got "${raw}"`);
  }
  return n;
}

export interface SignInSource {
  email: string | null;
  address: string | null;
}

export type SignInClaim = { ok: true; ids: number[] } | { ok: false; retryAfterS: number; scope: "email" | "address" };

function keysOf(source: SignInSource, env: Env) {
  const keys: Array<{ key: string; scope: "email" | "address"; limit: number }> = [];
  const email = source.email ? normaliseEmail(source.email).slice(0, 320) : "";
  if (email) keys.push({ key: `email:${email}`, scope: "email", limit: SIGN_IN_MAX_PER_EMAIL });
  if (source.address) keys.push({ key: `ip:${source.address}`, scope: "address", limit: maxPerAddress(env) });
  // Always lock in the same order, so two attempts never wait on each other's second key.
  return keys.sort((a, b) => a.key.localeCompare(b.key));
}

const windowStart = sql`now() - make_interval(secs => ${SIGN_IN_WINDOW_S})`;

const globalForPrune = globalThis as unknown as { __rosterSignInPrunedAt?: number };

/** Deletes failures that have left the window (at most once a minute per server). */
export async function pruneSignInFailures(force = false): Promise<void> {
  const now = Date.now();
  if (!force && now - (globalForPrune.__rosterSignInPrunedAt ?? 0) < PRUNE_EVERY_MS) return;
  globalForPrune.__rosterSignInPrunedAt = now;
  const db = await getDb();
  await db.delete(signInFailures).where(lt(signInFailures.at, windowStart));
}

/** Claims one sign-in attempt, or says how long to wait (a throttled attempt is on the audit log). */
export async function claimSignInAttempt(source: SignInSource, env: Env = process.env): Promise<SignInClaim> {
  const claim = await claimUnaudited(source, env);
  if (!claim.ok) {
    await auditSignIn({
      email: source.email,
      method: "credentials",
      address: source.address,
      outcome: "refused",
      message: throttledMessage(claim.retryAfterS),
    });
  }
  return claim;
}

async function claimUnaudited(source: SignInSource, env: Env): Promise<SignInClaim> {
  const keys = keysOf(source, env);
  if (!keys.length) return { ok: true, ids: [] };
  await pruneSignInFailures();
  const db = await getDb();
  return db.transaction(async (tx) => {
    for (const { key } of keys) await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext(${key}))`);
    const counted = await tx
      .select({
        key: signInFailures.key,
        n: count(),
        wait: sql<string>`ceil(extract(epoch from min(${signInFailures.at}) + make_interval(secs => ${SIGN_IN_WINDOW_S}) - now()))`,
      })
      .from(signInFailures)
      .where(
        and(
          inArray(
            signInFailures.key,
            keys.map((k) => k.key),
          ),
          gt(signInFailures.at, windowStart),
        ),
      )
      .groupBy(signInFailures.key);
    let refusal: { retryAfterS: number; scope: "email" | "address" } | null = null;
    for (const { key, scope, limit } of keys) {
      const row = counted.find((c) => c.key === key);
      if (!row || Number(row.n) < limit) continue;
      const retryAfterS = Math.max(1, Math.min(SIGN_IN_WINDOW_S, Number(row.wait) || SIGN_IN_WINDOW_S));
      if (!refusal || retryAfterS > refusal.retryAfterS) refusal = { retryAfterS, scope };
    }
    if (refusal) return { ok: false as const, ...refusal };
    const inserted = await tx
      .insert(signInFailures)
      .values(keys.map(({ key }) => ({ key })))
      .returning({ id: signInFailures.id });
    return { ok: true as const, ids: inserted.map((r) => r.id) };
  });
}

/** Settles a claimed attempt: a successful sign-in does not count, so its rows go. */
export async function settleSignInAttempt(claim: SignInClaim, succeeded: boolean): Promise<void> {
  if (!claim.ok || !succeeded || !claim.ids.length) return;
  const db = await getDb();
  await db.delete(signInFailures).where(inArray(signInFailures.id, claim.ids));
}

export function throttledMessage(retryAfterS: number): string {
  const wait = retryAfterS === 1 ? "1 second" : `${retryAfterS} seconds`;
  return `Too many failed sign-in attempts. Try again in ${wait}.`;
}
