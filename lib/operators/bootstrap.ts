import { normaliseEmail } from "../email";
import { eq } from "drizzle-orm";
import { hashPassword } from "../auth/password";
import type { RosterRole } from "../auth/roles";
import type { Db } from "../db";
import { operators } from "../db/schema";

/**
 * Creates the operators the environment asks for: the first owner from
 * ROSTER_ADMIN_EMAIL / ROSTER_ADMIN_PASSWORD, and in demo mode (ROSTER_DEMO=1) one
 * operator per Roster role. Existing operators are never changed.
 */

export const DEMO_PASSWORD = "roster-demo";
export const DEMO_OPERATORS: Array<{ email: string; name: string; role: RosterRole }> = [
  { email: "owner@roster.demo", name: "Olivia Owner", role: "owner" },
  { email: "admin@roster.demo", name: "Adrian Admin", role: "admin" },
  { email: "requester@roster.demo", name: "Rae Requester", role: "requester" },
  { email: "viewer@roster.demo", name: "Victor Viewer", role: "viewer" },
];

async function ensureOperator(db: Db, input: { email: string; name: string; role: RosterRole; password: string }) {
  const email = normaliseEmail(input.email);
  const existing = await db.select({ id: operators.id }).from(operators).where(eq(operators.email, email)).limit(1);
  if (existing.length) return;
  await db
    .insert(operators)
    .values({ email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) })
    .onConflictDoNothing();
}

export async function ensureBootstrapOperators(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const adminEmail = env.ROSTER_ADMIN_EMAIL?.trim();
  const adminPassword = env.ROSTER_ADMIN_PASSWORD;
  if (adminEmail && adminPassword) {
    await ensureOperator(db, { email: adminEmail, name: adminEmail.split("@")[0], role: "owner", password: adminPassword });
  }
  if (env.ROSTER_DEMO === "1") {
    for (const op of DEMO_OPERATORS) await ensureOperator(db, { ...op, password: DEMO_PASSWORD });
  }
}
