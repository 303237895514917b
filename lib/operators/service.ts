import { and, asc, count, eq, isNull, ne, sql } from "drizzle-orm";
import { ApiError, notFound } from "../api/errors";
import { hashPassword, verifyPassword } from "../auth/password";
import { isRosterRole } from "../auth/roles";
import { attemptOf, auditedChange, type ChangeContext, refuse } from "../audit/change";
import { type Db, getDb } from "../db";
import { type OperatorRow, operators } from "../db/schema";
import { normaliseEmail } from "../email";
import { writingOperators } from "./cache";
import {
  type AddOperatorInput,
  type ChangePasswordInput,
  type OperatorResponse,
  type OperatorSummary,
  type UpdateOperatorInput,
} from "./types";

/**
 * Who may sign in to Roster: owners add operators, change their role and disable them.
 * Every change is audited (never with a password); nobody can demote or disable the last
 * enabled owner. A role change or a disable ends the operator's sessions at their next
 * request: the session's version must match the operator's (lib/auth/session.ts).
 */

const OPERATORS_LOCK = 727_276;

function summary(row: OperatorRow): OperatorSummary {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: isRosterRole(row.role) ? row.role : "viewer",
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit log shows of an operator: never the password or its hash. */
function state(o: Pick<OperatorSummary, "role" | "disabled" | "name">) {
  return { name: o.name, role: o.role, disabled: o.disabled };
}

export async function listOperators(): Promise<OperatorSummary[]> {
  const db = await getDb();
  const rows = await db.select().from(operators).orderBy(asc(operators.email));
  return rows.map(summary);
}

async function enabledOwnersBesides(db: Pick<Db, "select">, id: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(operators)
    .where(and(eq(operators.role, "owner"), isNull(operators.disabledAt), ne(operators.id, id)));
  return Number(n);
}

function lastOwnerMessage(o: OperatorSummary) {
  return `${o.name || o.email} is the last owner of Roster. Make someone else an owner first.`;
}

export async function addOperator(ctx: ChangeContext, input: AddOperatorInput): Promise<OperatorResponse> {
  const db = await getDb();
  const email = normaliseEmail(input.email);
  const attempt = attemptOf(ctx, {
    action: "add_operator",
    target: { id: null, email },
    before: null,
    after: { name: input.name, role: input.role, disabled: false },
  });
  const [taken] = await db.select({ id: operators.id }).from(operators).where(eq(operators.email, email)).limit(1);
  if (taken) await refuse(attempt, "already_exists", `${email} is already a Roster operator`);

  const passwordHash = await hashPassword(input.password);
  let row: OperatorRow | undefined;
  const auditId = await auditedChange(attempt, async () => {
    [row] = await writingOperators(() =>
      db
        .insert(operators)
        // The owner chose this password: the operator replaces it at first sign-in.
        .values({ email, name: input.name, role: input.role, passwordHash, mustChangePassword: true })
        .onConflictDoNothing()
        .returning(),
    );
    if (!row) throw new ApiError("already_exists", `${email} is already a Roster operator`);
  });
  return { operator: summary(row!), auditId };
}

export async function updateOperator(ctx: ChangeContext, id: string, input: UpdateOperatorInput): Promise<OperatorResponse> {
  const db = await getDb();
  const [row] = await db.select().from(operators).where(eq(operators.id, id)).limit(1);
  if (!row) throw notFound("Operator");
  const before = summary(row);
  const after = { ...before, role: input.role ?? before.role, disabled: input.disabled ?? before.disabled };
  const attempt = attemptOf(ctx, {
    action: "update_operator",
    target: { id, email: before.email },
    before: state(before),
    after: state(after),
  });
  const losesOwner = before.role === "owner" && !before.disabled && (after.role !== "owner" || after.disabled);
  if (losesOwner && (await enabledOwnersBesides(db, id)) === 0) {
    await refuse(attempt, "last_owner", lastOwnerMessage(before));
  }

  let updated: OperatorRow | undefined;
  const auditId = await auditedChange(attempt, () =>
    writingOperators(() =>
      db.transaction(async (tx) => {
        // One owner change at a time, so two owners cannot demote each other at once.
        await tx.execute(sql`select pg_advisory_xact_lock(${OPERATORS_LOCK})`);
        if (losesOwner && (await enabledOwnersBesides(tx, id)) === 0) {
          throw new ApiError("last_owner", lastOwnerMessage(before));
        }
        [updated] = await tx
          .update(operators)
          .set({
            role: after.role,
            disabledAt: after.disabled ? (row.disabledAt ?? new Date()) : null,
            // A new role or a disable ends the operator's sessions (re-enabling revives none).
            ...(after.role !== before.role || after.disabled !== before.disabled
              ? { sessionVersion: sql`${operators.sessionVersion} + 1` }
              : {}),
            updatedAt: new Date(),
          })
          .where(eq(operators.id, id))
          .returning();
      }),
    ),
  );
  return { operator: summary(updated!), auditId };
}

/**
 * An operator changes their own password: the current one is required; the new one must
 * differ. Every session of theirs ends (the caller signs in again with the new password),
 * and an owner-chosen password stops being required to change.
 */
export async function changeOwnPassword(ctx: ChangeContext, input: ChangePasswordInput): Promise<{ ok: true; auditId: number }> {
  const db = await getDb();
  const [row] = await db.select().from(operators).where(eq(operators.id, ctx.operator.id)).limit(1);
  if (!row) throw notFound("Operator");
  const attempt = attemptOf(ctx, { action: "change_password", target: { id: row.id, email: row.email }, before: null, after: null });
  if (!row.passwordHash) {
    throw new ApiError("no_password", "You sign in with single sign-on: Roster holds no password of yours to change");
  }
  if (!(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new ApiError("invalid_input", "currentPassword: that is not your current password", [
      { field: "currentPassword", message: "that is not your current password" },
    ]);
  }
  if (input.newPassword === input.currentPassword) {
    throw new ApiError("invalid_input", "newPassword: must differ from the current password", [
      { field: "newPassword", message: "must differ from the current password" },
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  const auditId = await auditedChange(attempt, () =>
    writingOperators(() =>
      db
        .update(operators)
        .set({ passwordHash, mustChangePassword: false, sessionVersion: sql`${operators.sessionVersion} + 1`, updatedAt: new Date() })
        .where(eq(operators.id, row.id)),
    ),
  );
  return { ok: true, auditId };
}
