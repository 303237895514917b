"use client";

import { Search } from "lucide-react";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

// Loaded on first open only, so no page pays for it up front.
const CommandPalette = dynamic(() => import("./command-palette").then((m) => m.CommandPalette), { ssr: false });

/** ⌘K / Ctrl+K, or the search button in the top bar, opens the command palette. */
export function CommandPaletteTrigger() {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setLoaded(true);
        setOpen((was) => !was);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <>
      <Button
        variant="secondary"
        className="w-9 justify-center px-0 text-muted-foreground sm:w-56 sm:justify-start sm:px-2.5"
        aria-label="Search people, pages and actions"
        aria-keyshortcuts="Control+K Meta+K"
        onClick={() => {
          setLoaded(true);
          setOpen(true);
        }}
      >
        <Search aria-hidden />
        <span className="hidden flex-1 text-left font-normal sm:inline">Search…</span>
        <kbd className="hidden rounded border border-border bg-subtle px-1.5 font-sans text-[11px] text-muted-foreground sm:inline">
          Ctrl K
        </kbd>
      </Button>
      {loaded ? <CommandPalette open={open} onOpenChange={setOpen} /> : null}
    </>
  );
}
