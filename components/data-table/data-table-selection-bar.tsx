"use client";

import { X } from "lucide-react";
import { useEffect } from "react";
import { formatNumber } from "@/components/common/format";
import { Button } from "@/components/ui/button";

interface DataTableSelectionBarProps {
  count: number;
  onClear: () => void;
}

/**
 * Announces how many rows are selected (aria-live) and clears the selection on Escape,
 * unless Escape belongs to something else: a text field, an open menu or popover.
 */
export function DataTableSelectionBar({ count, onClear }: DataTableSelectionBarProps) {
  useEffect(() => {
    if (count === 0) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target?.closest("input, textarea, select, [role=menu], [role=dialog], [data-radix-popper-content-wrapper]")) return;
      if (document.querySelector("[data-radix-popper-content-wrapper]")) return;
      onClear();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [count, onClear]);

  return (
    <div role="status" aria-live="polite" className="flex items-center empty:hidden">
      {count > 0 ? (
        <div className="flex h-8 items-center gap-1 rounded-md border border-border bg-selected pr-1 pl-2.5 text-[13px] font-medium">
          <span className="tabular">{formatNumber(count)} selected</span>
          <Button variant="ghost" size="icon-sm" aria-label="Clear selection" title="Clear selection (Esc)" onClick={onClear}>
            <X aria-hidden />
          </Button>
        </div>
      ) : null}
    </div>
  );
}
