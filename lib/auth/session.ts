import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { findActiveOperator } from "../operators/repository";
import { authOptions } from "./options";
import type { Operator } from "./roles";

/** The signed-in, enabled operator, with their current role; null otherwise. */
export async function getOperator(): Promise<Operator | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: string; sv?: unknown } | undefined;
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
