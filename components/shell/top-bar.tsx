"use client";

import { Menu } from "lucide-react";
import { usePathname } from "next/navigation";
import type { Operator } from "@/lib/auth/roles";
import { Button } from "@/components/ui/button";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { CommandPaletteTrigger } from "@/components/command/command-palette-trigger";
import { activeNavItem } from "./nav-config";
import { OperatorMenu } from "./operator-menu";

interface TopBarProps {
  operator: Operator;
  onOpenNav: () => void;
}

export function TopBar({ operator, onOpenNav }: TopBarProps) {
  const pathname = usePathname();
  const title = activeNavItem(pathname)?.label ?? "Roster";
  return (
    <header className="sticky top-0 z-30 flex print:hidden h-14 shrink-0 items-center gap-3 border-b border-border bg-background/85 px-4 backdrop-blur supports-[backdrop-filter]:bg-background/70 sm:px-6">
      <Button variant="ghost" size="icon" className="-ml-1.5 lg:hidden" aria-label="Open navigation" onClick={onOpenNav}>
        <Menu aria-hidden />
      </Button>
      <h1 className="min-w-0 flex-1 truncate text-[15px] font-semibold tracking-tight">{title}</h1>
      <div className="flex items-center gap-1.5 sm:gap-3">
        <CommandPaletteTrigger />
        <ThemeToggle />
        <span aria-hidden className="hidden h-5 w-px bg-border sm:block" />
        <OperatorMenu operator={operator} />
      </div>
    </header>
  );
}
