import type { ReactNode } from "react";
import { requireOperatorPage } from "@/lib/auth/session";
import { AppShell } from "@/components/shell/app-shell";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // A layout does not know the page's path, so sign-in returns to the home page.
  const { id, email, name, role } = await requireOperatorPage("/");
  return <AppShell operator={{ id, email, name, role }}>{children}</AppShell>;
}
