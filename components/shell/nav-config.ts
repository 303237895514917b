import { Bot, ClipboardCheck, MailPlus, Plug, ScrollText, Settings, Users, Workflow, type LucideIcon } from "lucide-react";
import type { RosterRole } from "@/lib/auth/roles";

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Other path prefixes that belong to this item (a person page belongs to Users). */
  also?: string[];
  /** The Roster role the page is for; lower roles do not see it in the nav. */
  role?: RosterRole;
}

/** Console pages. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Users", icon: Users, also: ["/people"] },
  { href: "/invites", label: "Invites", icon: MailPlus },
  { href: "/service-accounts", label: "Service accounts", icon: Bot, role: "admin" },
  { href: "/reviews", label: "Access reviews", icon: ClipboardCheck },
  { href: "/audit", label: "Audit", icon: ScrollText },
  { href: "/connections", label: "Connections", icon: Plug },
  { href: "/jobs", label: "Jobs", icon: Workflow, role: "owner" },
  { href: "/settings", label: "Settings", icon: Settings, role: "requester" },
];

function under(prefix: string, pathname: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

export function isActive(item: NavItem, pathname: string): boolean {
  if (item.also?.some((prefix) => under(prefix, pathname))) return true;
  return item.href === "/" ? pathname === "/" : under(item.href, pathname);
}

export function activeNavItem(pathname: string): NavItem | undefined {
  return NAV_ITEMS.find((item) => isActive(item, pathname));
}
