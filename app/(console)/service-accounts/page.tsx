import type { Metadata } from "next";
import { requireOperatorPage } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { EmptyState } from "@/components/ui/empty-state";
import { ServiceAccountsPage } from "@/components/service-accounts/service-accounts-page";

export const metadata: Metadata = { title: "Service accounts" };

export default async function Page() {
  const operator = await requireOperatorPage("/service-accounts");
  if (!hasRole(operator.role, "admin")) {
    return <EmptyState title="Admins only" description="Service accounts and their credentials need the admin role in Roster." />;
  }
  return <ServiceAccountsPage />;
}
