import { Plug, ScrollText, Users, type LucideIcon } from "lucide-react";

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Other path prefixes that belong to this item (a person page belongs to Users). */
  also?: string[];
}

/** Console pages. Invites joins this list when its page exists. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Users", icon: Users, also: ["/people"] },
  { href: "/audit", label: "Audit", icon: ScrollText },
  { href: "/connections", label: "Connections", icon: Plug },
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
