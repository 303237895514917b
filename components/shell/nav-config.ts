import { Plug, Users, type LucideIcon } from "lucide-react";

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
}

/** Console pages. Invites and Audit join this list when their pages exist. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Users", icon: Users },
  { href: "/connections", label: "Connections", icon: Plug },
];

export function isActive(item: NavItem, pathname: string): boolean {
  return item.href === "/" ? pathname === "/" : pathname === item.href || pathname.startsWith(`${item.href}/`);
}

export function activeNavItem(pathname: string): NavItem | undefined {
  return NAV_ITEMS.find((item) => isActive(item, pathname));
}
