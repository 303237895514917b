import type { Metadata } from "next";
import { requireOperatorPage } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { NotificationsSection } from "@/components/settings/notifications-section";
import { SettingsPage } from "@/components/settings/settings-page";

export const metadata: Metadata = { title: "Settings" };

export default async function Page() {
  const operator = await requireOperatorPage("/settings");
  if (!hasRole(operator.role, "admin")) {
    // Everyone chooses their own notifications; the operators are listed for admins and managed by owners.
    return (
      <div className="mx-auto w-full max-w-[1440px] px-4 py-6 sm:px-6">
        <NotificationsSection />
      </div>
    );
  }
  return <SettingsPage />;
}
