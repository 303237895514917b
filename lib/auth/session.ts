import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { findActiveOperator } from "../operators/repository";
import { authOptions } from "./options";
import type { Operator } from "./roles";

/** The signed-in, enabled operator, with their current role; null otherwise. */
export async function getOperator(): Promise<Operator | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ? findActiveOperator(id) : null;
}

/** For server components: the operator, or a redirect to the sign-in page. */
export async function requireOperatorPage(path: string): Promise<Operator> {
  const operator = await getOperator();
  if (!operator) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  return operator;
}
