import { eq } from "drizzle-orm";
import { isApiError } from "../api/errors";
import { auditedChange } from "../audit/change";
import { isRosterRole, type Operator, type RosterRole } from "../auth/roles";
import { getDb } from "../db";
import { operators } from "../db/schema";
import { normaliseEmail } from "../email";
import { writingOperators } from "./cache";
import { updateOperator } from "./service";

/**
 * Operators who sign in through single sign-on: found by email, or created without a
 * password; their role follows the identity provider's mapping (lib/auth/oidc.ts) at
 * every sign-in. Both are audited like an owner's change, with the person as the actor.
 * A disabled operator stays refused, and the last enabled owner keeps the owner role
 * (the refusal is logged), so an identity provider cannot leave Roster without one.
 */

export type SsoResult = { ok: true; operator: Operator } | { ok: false; reason: "disabled" };

export async function syncSsoOperator(input: { email: string; name: string; role: RosterRole }): Promise<SsoResult> {
  const db = await getDb();
  const email = normaliseEmail(input.email);
  const [row] = await db.select().from(operators).where(eq(operators.email, email)).limit(1);

  if (!row) {
    let created: typeof operators.$inferSelect | undefined;
    await auditedChange(
      {
        actor: { id: null, email, role: "sso" },
        action: "add_operator",
        target: { id: null, email },
        before: null,
        after: { name: input.name, role: input.role, disabled: false, via: "sso" },
        requestId: "sso",
      },
      async () => {
        [created] = await writingOperators(() =>
          db.insert(operators).values({ email, name: input.name, role: input.role, passwordHash: null }).onConflictDoNothing().returning(),
        );
      },
    );
    // Lost a race with another server creating the same person: take theirs.
    if (!created) return syncSsoOperator(input);
    return { ok: true, operator: { id: created.id, email, name: created.name, role: input.role } };
  }

  if (row.disabledAt) return { ok: false, reason: "disabled" };
  const current: Operator = { id: row.id, email, name: row.name, role: isRosterRole(row.role) ? row.role : "viewer" };
  if (current.role === input.role) return { ok: true, operator: current };
  try {
    await updateOperator({ operator: current, requestId: "sso" }, row.id, { role: input.role });
    return { ok: true, operator: { ...current, role: input.role } };
  } catch (error) {
    if (isApiError(error) && error.status === 409) return { ok: true, operator: current };
    throw error;
  }
}
