"use client";

import dynamic from "next/dynamic";
import { usePathname } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";
import type { Operator } from "@/lib/auth/roles";
import { OperatorProvider } from "./operator-context";
import { SidebarNav } from "./sidebar-nav";
import { TopBar } from "./top-bar";

// The drawer's dialog code is only needed on small screens, once the menu is opened.
const NavDrawer = dynamic(() => import("./nav-drawer"), { ssr: false });

interface AppShellProps {
  operator: Operator;
  children: ReactNode;
}

/** Sidebar (a drawer below the `lg` breakpoint), top bar and the page. */
export function AppShell({ operator, children }: AppShellProps) {
  const pathname = usePathname();
  const [navOpen, setNavOpen] = useState(false);
  const [navLoaded, setNavLoaded] = useState(false);
  const navOpener = useRef<HTMLElement | null>(null);
  const [navPath, setNavPath] = useState(pathname);
  if (navPath !== pathname) {
    // Close the drawer after navigating.
    setNavPath(pathname);
    setNavOpen(false);
  }

  return (
    <OperatorProvider operator={operator}>
      <div className="min-h-dvh">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-primary px-3 py-2 text-sm text-primary-foreground focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
        >
          Skip to content
        </a>
        <aside className="fixed inset-y-0 left-0 z-40 hidden w-60 border-r border-border bg-subtle lg:block print:hidden">
          <SidebarNav />
        </aside>
        {navLoaded ? <NavDrawer open={navOpen} onOpenChange={setNavOpen} returnFocus={() => navOpener.current} /> : null}
        <div className="flex min-h-dvh min-w-0 flex-col lg:pl-60 print:pl-0">
          <TopBar
            operator={operator}
            onOpenNav={() => {
              navOpener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
              setNavLoaded(true);
              setNavOpen(true);
            }}
          />
          <main id="main" tabIndex={-1} className="min-w-0 flex-1 outline-none">
            {children}
          </main>
        </div>
      </div>
    </OperatorProvider>
  );
}
