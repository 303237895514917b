import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { ApiError, notFound } from "../api/errors";
import { hasRole, isRosterRole, type Operator } from "../auth/roles";
import { recordEvent } from "../audit/log";
import { attemptOf, auditedChange, type ChangeContext, refuse } from "../audit/change";
import { getDb } from "../db";
import { type ApiTokenRow, apiTokens } from "../db/schema";
import { log } from "../log";
import { hashTokenSecret, looksLikeTokenSecret, newTokenSecret } from "./secret";
import {
  type CreatedTokenResponse,
  type CreateTokenInput,
  type RevokedTokenResponse,
  TOKEN_ACTOR_PREFIX,
  type TokenSummary,
} from "./types";

/**
 * API tokens: owners create them (a role no higher than their own, an optional provider
 * limit, an expiry), list and revoke them; a request bearing one acts as an operator of
 * the token's role named `token:<name>` (lib/api/handler.ts). Only the secret's SHA-256 is
 * stored; creating and revoking are audited with the owner as the actor.
 */

/** `lastUsedAt` is written at most this often per token (each server keeps its own clock of it too). */
const LAST_USE_EVERY_MS = 60_000;

function stateOf(row: ApiTokenRow, now: Date): TokenSummary["state"] {
  if (row.revokedAt) return "revoked";
  return row.expiresAt <= now ? "expired" : "active";
}

function summary(row: ApiTokenRow, now = new Date()): TokenSummary {
  return {
    id: row.id,
    name: row.name,
    role: isRosterRole(row.role) ? row.role : "viewer",
    providers: row.providers ?? null,
    createdByEmail: row.createdByEmail,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedByEmail: row.revokedByEmail,
    state: stateOf(row, now),
  };
}

/** What the audit log shows of a token: never its secret or hash. */
function auditState(t: Pick<TokenSummary, "name" | "role" | "providers" | "expiresAt">) {
  return { name: t.name, role: t.role, providers: t.providers, expiresAt: t.expiresAt };
}

export async function listTokens(): Promise<TokenSummary[]> {
  const db = await getDb();
  const rows = await db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt));
  const now = new Date();
  return rows.map((row) => summary(row, now));
}

export async function createToken(ctx: ChangeContext, input: CreateTokenInput): Promise<CreatedTokenResponse> {
  const db = await getDb();
  const { expiresAt } = input;
  const providers = input.providers ?? null;
  const attempt = attemptOf(ctx, {
    action: "create_api_token",
    target: { id: null, email: TOKEN_ACTOR_PREFIX + input.name },
    before: null,
    after: auditState({ name: input.name, role: input.role, providers, expiresAt: expiresAt.toISOString() }),
  });
  if (!hasRole(ctx.operator.role, input.role)) {
    await refuse(attempt, "role_above_creator", `A token's role cannot be above your own (${ctx.operator.role})`);
  }
  const secret = newTokenSecret();
  let row: ApiTokenRow | undefined;
  const auditId = await auditedChange(attempt, async () => {
    [row] = await db
      .insert(apiTokens)
      .values({
        name: input.name,
        secretHash: hashTokenSecret(secret),
        role: input.role,
        providers,
        createdBy: ctx.operator.token ? null : ctx.operator.id,
        createdByEmail: ctx.operator.email,
        expiresAt,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new ApiError("already_exists", `A token named ${input.name} exists already: revoke it first or choose another name`);
  });
  return { token: summary(row!), secret, auditId };
}

export async function revokeToken(ctx: ChangeContext, id: string): Promise<RevokedTokenResponse> {
  const db = await getDb();
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1);
  if (!row) throw notFound("API token");
  const before = summary(row);
  const attempt = attemptOf(ctx, {
    action: "revoke_api_token",
    target: { id, email: TOKEN_ACTOR_PREFIX + row.name },
    before: auditState(before),
    after: { ...auditState(before), revoked: true },
  });
  if (row.revokedAt) await refuse(attempt, "already_revoked", `The token ${row.name} is revoked already`);
  let updated: ApiTokenRow | undefined;
  const auditId = await auditedChange(attempt, async () => {
    [updated] = await db
      .update(apiTokens)
      .set({ revokedAt: new Date(), revokedByEmail: ctx.operator.email })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning();
    if (!updated) throw new ApiError("already_revoked", `The token ${row.name} is revoked already`);
  });
  return { token: summary(updated!), auditId };
}

/** Per server: when each token's `lastUsedAt` was last written. */
const LAST_WRITE = Symbol.for("roster.tokenLastUse");
function lastWrites(): Map<string, number> {
  const g = globalThis as { [LAST_WRITE]?: Map<string, number> };
  return (g[LAST_WRITE] ??= new Map());
}

/** Records a use, at most once a minute per token (per server, and in the database across servers). */
function touch(id: string, now: number): void {
  const writes = lastWrites();
  if (now - (writes.get(id) ?? 0) < LAST_USE_EVERY_MS) return;
  writes.set(id, now);
  void getDb()
    .then((db) =>
      db
        .update(apiTokens)
        .set({ lastUsedAt: new Date(now) })
        .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '1 minute'`)))),
    )
    .catch((error: unknown) => log.warn({ err: error }, "could not record an API token's last use"));
}

const refusedToken = (code: "invalid_token" | "token_revoked" | "token_expired", message: string) => new ApiError(code, message);

/** The operator a token acts as: `token:<name>` with the token's role and provider limit. */
export function tokenOperator(row: Pick<ApiTokenRow, "id" | "name" | "role" | "providers">): Operator {
  const name = TOKEN_ACTOR_PREFIX + row.name;
  return {
    id: row.id,
    email: name,
    name,
    role: isRosterRole(row.role) ? row.role : "viewer",
    token: { id: row.id, name: row.name, providers: row.providers ?? null },
  };
}

/** An expired or revoked token's use, on the audit log (a leaked old secret being tried shows). */
async function auditRefusedUse(row: ApiTokenRow, request: Request, requestId: string, code: string, message: string) {
  const { pathname } = new URL(request.url);
  await recordEvent(
    {
      actor: { id: row.id, email: TOKEN_ACTOR_PREFIX + row.name, role: row.role },
      action: "refused_request",
      target: { id: `${request.method} ${pathname}`.slice(0, 500), email: null },
      after: { method: request.method, path: pathname.slice(0, 500), status: 401, code },
      requestId,
    },
    "refused",
    message,
  ).catch((error: unknown) => log.error({ err: error }, "could not write a refused token use to the audit log"));
}

/**
 * The operator for a bearer secret, or a 401 saying why not: not a Roster token, unknown,
 * expired or revoked (the last two also on the audit log).
 */
export async function authenticateToken(secret: string, request: Request, requestId: string): Promise<Operator> {
  if (!looksLikeTokenSecret(secret)) {
    throw refusedToken("invalid_token", "Authorization: expected Bearer roster_pat_… (an API token made on Roster's Settings page)");
  }
  const db = await getDb();
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.secretHash, hashTokenSecret(secret)))
    .limit(1);
  if (!row) throw refusedToken("invalid_token", "This API token is not known to Roster");
  const now = Date.now();
  if (row.revokedAt) {
    const message = `The API token ${row.name} was revoked on ${row.revokedAt.toISOString()}`;
    await auditRefusedUse(row, request, requestId, "token_revoked", message);
    throw refusedToken("token_revoked", message);
  }
  if (row.expiresAt.getTime() <= now) {
    const message = `The API token ${row.name} expired on ${row.expiresAt.toISOString()}`;
    await auditRefusedUse(row, request, requestId, "token_expired", message);
    throw refusedToken("token_expired", message);
  }
  touch(row.id, now);
  return tokenOperator(row);
}
