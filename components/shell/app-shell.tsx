"use client";

import { Dialog } from "radix-ui";
import { X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";
import type { Operator } from "@/lib/auth/roles";
import { Button } from "@/components/ui/button";
import { OperatorProvider } from "./operator-context";
import { SidebarNav } from "./sidebar-nav";
import { TopBar } from "./top-bar";

interface AppShellProps {
  operator: Operator;
  children: ReactNode;
}

/** Sidebar (a drawer below the `lg` breakpoint), top bar and the page. */
export function AppShell({ operator, children }: AppShellProps) {
  const pathname = usePathname();
  const [navOpen, setNavOpen] = useState(false);
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
      <Dialog.Root open={navOpen} onOpenChange={setNavOpen}>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40 backdrop-blur-[1px] lg:hidden" />
          <Dialog.Content className="fixed inset-y-0 left-0 z-50 w-64 max-w-[85vw] border-r border-border bg-subtle shadow-xl outline-none lg:hidden">
            <Dialog.Title className="sr-only">Navigation</Dialog.Title>
            <Dialog.Description className="sr-only">Roster pages</Dialog.Description>
            <Dialog.Close asChild>
              <Button variant="ghost" size="icon" className="absolute top-3 right-3" aria-label="Close navigation">
                <X aria-hidden />
              </Button>
            </Dialog.Close>
            <SidebarNav onNavigate={() => setNavOpen(false)} />
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
      <div className="flex min-h-dvh min-w-0 flex-col lg:pl-60 print:pl-0">
        <TopBar operator={operator} onOpenNav={() => setNavOpen(true)} />
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 outline-none">
          {children}
        </main>
      </div>
    </div>
    </OperatorProvider>
  );
}
