"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { hasRole } from "@/lib/auth/roles";
import { isActive, NAV_ITEMS } from "./nav-config";
import { useOperator } from "./operator-context";
import { Wordmark } from "./wordmark";

/** Wordmark and page links; the same content for the fixed sidebar and the mobile drawer. */
export function SidebarNav({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  const { role } = useOperator();
  const items = NAV_ITEMS.filter((item) => !item.role || hasRole(role, item.role));
  return (
    <div className="flex h-full flex-col">
      <div className="flex h-14 shrink-0 items-center px-4">
        <Link href="/" onClick={onNavigate} className="rounded-md" aria-label="Roster home">
          <Wordmark />
        </Link>
      </div>
      <nav aria-label="Main" className="flex-1 px-2 py-3">
        <ul className="space-y-0.5">
          {items.map((item) => {
            const active = isActive(item, pathname);
            return (
              <li key={item.href}>
                <Link
                  href={item.href}
                  onClick={onNavigate}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "flex h-8 items-center gap-2.5 rounded-md px-2.5 text-[13px] font-medium transition-colors",
                    active ? "bg-accent text-foreground" : "text-muted-foreground hover:bg-accent/60 hover:text-foreground",
                  )}
                >
                  <item.icon aria-hidden className={cn("size-4", active ? "text-foreground" : "text-muted-foreground")} />
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </div>
  );
}
