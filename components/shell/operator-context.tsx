"use client";

import { createContext, useContext, type ReactNode } from "react";
import { hasRole, type Operator } from "@/lib/auth/roles";

const OperatorContext = createContext<Operator | null>(null);

/** The signed-in operator, from the console layout, for pages that mirror the server's rules. */
export function OperatorProvider({ operator, children }: { operator: Operator; children: ReactNode }) {
  return <OperatorContext.Provider value={operator}>{children}</OperatorContext.Provider>;
}

export function useOperator(): Operator {
  const operator = useContext(OperatorContext);
  if (!operator) throw new Error("useOperator must be used inside the console layout (OperatorProvider)");
  return operator;
}

/** Why a change is disabled for viewers and requesters (the server refuses it with 403 too). */
export const NEEDS_ADMIN = "Needs the admin role";

/** Whether the operator may change roles, remove members and revoke invites. */
export function useCanChangeMembers(): boolean {
  return hasRole(useOperator().role, "admin");
}
