import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { findActiveOperator } from "../operators/repository";
import { authOptions } from "./options";
import type { Operator } from "./roles";
import { cachedSession, rememberSession, sessionCookieKey } from "./session-cache";

/** The session's operator id and version: decoded once per cookie (lib/auth/session-cache.ts). */
async function currentSession(): Promise<{ id?: string; sv?: unknown } | null> {
  const key = sessionCookieKey(await cookies());
  const cached = key ? cachedSession(key) : null;
  if (cached) return cached;
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: string; sv?: unknown; until?: unknown } | undefined;
  if (key && user?.id && typeof user.until === "number") rememberSession(key, { id: user.id, sv: user.sv, until: user.until });
  return user ?? null;
}

/** The signed-in, enabled operator, with their current role; null otherwise. */
export async function getOperator(): Promise<Operator | null> {
  const user = await currentSession();
  return user?.id ? findActiveOperator(user.id, user.sv) : null;
}

export const PASSWORD_PAGE = "/account/password";

/**
 * For server components: the operator, or a redirect to the sign-in page. An operator who
 * must choose a new password goes to the password page first, whatever they asked for.
 */
export async function requireOperatorPage(path: string, options: { passwordPage?: boolean } = {}): Promise<Operator> {
  const operator = await getOperator();
  if (!operator) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  if (operator.mustChangePassword && !options.passwordPage) redirect(PASSWORD_PAGE);
  return operator;
}
