import { like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withTempDatabase } from "../testing/temp-db";

/** The sign-in throttle on PGlite, or Postgres when DATABASE_URL is set. */
const { backend } = withTempDatabase("throttle-test");
delete process.env.ROSTER_DEMO;
delete process.env.ROSTER_SIGNIN_MAX_PER_ADDRESS;
/** Per-run names, so the suite can run again against a Postgres that keeps its rows. */
const run = `${process.pid}x${Date.now()}`;
let n = 0;
const email = () => `t${n++}-${run}@example.com`;
const address = () => `2001:db8::${(n++).toString(16)}:${(Date.now() % 0xffff).toString(16)}`;

const { getDb } = await import("../db");
const { signInFailures } = await import("../db/schema");
const { claimSignInAttempt, settleSignInAttempt, pruneSignInFailures, SIGN_IN_MAX_PER_EMAIL, SIGN_IN_WINDOW_S } =
  await import("./throttle");

async function fail(source: { email: string | null; address: string | null }, env: Record<string, string | undefined> = {}) {
  const claim = await claimSignInAttempt(source, env);
  await settleSignInAttempt(claim, false);
  return claim;
}

describe(`sign-in throttle (${backend})`, () => {
  it("refuses the attempt after 5 failures for one email, from any address, until the oldest leaves the window", async () => {
    const who = email();
    for (let i = 0; i < SIGN_IN_MAX_PER_EMAIL; i++) expect((await fail({ email: who, address: address() })).ok).toBe(true);
    const refused = await claimSignInAttempt({ email: who.toUpperCase(), address: address() }, {});
    expect(refused).toMatchObject({ ok: false, scope: "email" });
    if (refused.ok) return;
    expect(refused.retryAfterS).toBeGreaterThan(0);
    expect(refused.retryAfterS).toBeLessThanOrEqual(SIGN_IN_WINDOW_S);
    // Another email is not affected.
    expect((await claimSignInAttempt({ email: email(), address: address() }, {})).ok).toBe(true);
  });

  it("a successful sign-in does not count", async () => {
    const who = email();
    for (let i = 0; i < SIGN_IN_MAX_PER_EMAIL * 2; i++) {
      const claim = await claimSignInAttempt({ email: who, address: address() }, {});
      expect(claim.ok).toBe(true);
      await settleSignInAttempt(claim, true);
    }
  });

  it("refuses an address after its limit, whatever the email; the limit is ROSTER_SIGNIN_MAX_PER_ADDRESS", async () => {
    const from = address();
    for (let i = 0; i < 5; i++) await fail({ email: email(), address: from });
    expect(await claimSignInAttempt({ email: email(), address: from }, {})).toMatchObject({ ok: false, scope: "address" });

    const roomy = address();
    const env = { ROSTER_SIGNIN_MAX_PER_ADDRESS: "8" };
    for (let i = 0; i < 8; i++) expect((await fail({ email: email(), address: roomy }, env)).ok).toBe(true);
    expect(await claimSignInAttempt({ email: email(), address: roomy }, env)).toMatchObject({ ok: false, scope: "address" });
    await expect(claimSignInAttempt({ email: null, address: roomy }, { ROSTER_SIGNIN_MAX_PER_ADDRESS: "lots" })).rejects.toThrow(
      /ROSTER_SIGNIN_MAX_PER_ADDRESS must be a whole number/,
    );
  });

  it("a burst of parallel attempts gets exactly five password checks", async () => {
    const who = email();
    const claims = await Promise.all(Array.from({ length: 12 }, () => claimSignInAttempt({ email: who, address: address() }, {})));
    expect(claims.filter((c) => c.ok)).toHaveLength(SIGN_IN_MAX_PER_EMAIL);
  });

  it("prunes failures that have left the window", async () => {
    const db = await getDb();
    const key = `email:old-${run}@prune.test`;
    await db.insert(signInFailures).values({ key, at: sql`now() - interval '2 minutes'` as unknown as Date });
    await db.insert(signInFailures).values({ key: `email:new-${run}@prune.test` });
    await pruneSignInFailures(true);
    const left = await db
      .select({ key: signInFailures.key })
      .from(signInFailures)
      .where(like(signInFailures.key, `email:%-${run}@prune.test`));
    expect(left.map((r) => r.key)).toEqual([`email:new-${run}@prune.test`]);
  });
});
