import type { Metadata } from "next";
import { requireOperatorPage } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { EmptyState } from "@/components/ui/empty-state";
import { SettingsPage } from "@/components/settings/settings-page";

export const metadata: Metadata = { title: "Settings" };

export default async function Page() {
  const operator = await requireOperatorPage("/settings");
  if (!hasRole(operator.role, "admin")) {
    return <EmptyState title="Admins and owners only" description="Roster's operators are listed for admins and managed by owners." />;
  }
  return <SettingsPage />;
}
