"use client";

import { X } from "lucide-react";
import { useEffect, type ReactNode } from "react";
import { formatNumber } from "@/components/common/format";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

interface DataTableSelectionBarProps {
  count: number;
  onClear: () => void;
  /** Bulk actions for the selected rows, shown beside the count. */
  children?: ReactNode;
}

const ESCAPE_OWNERS = "input, textarea, select, [role=menu], [role=dialog], [role=alertdialog], [data-radix-popper-content-wrapper]";

/**
 * A floating bar while rows are selected: how many (announced with aria-live), the bulk
 * actions, and clear. Escape clears the selection too, unless Escape belongs to something
 * else: a text field, an open menu, popover or dialog.
 */
export function DataTableSelectionBar({ count, onClear, children }: DataTableSelectionBarProps) {
  useEffect(() => {
    if (count === 0) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target?.closest(ESCAPE_OWNERS)) return;
      if (document.querySelector("[data-radix-popper-content-wrapper], [role=dialog], [role=alertdialog]")) return;
      onClear();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [count, onClear]);

  return (
    <div
      role={count > 0 ? "toolbar" : undefined}
      aria-label={count > 0 ? "Selected rows" : undefined}
      className={cn(
        "flex items-center",
        // Floats above the table's bottom edge, so selecting never moves the rows.
        count > 0 &&
          "fixed inset-x-0 bottom-6 z-40 mx-auto h-11 w-fit max-w-[calc(100vw-2rem)] gap-1 rounded-xl border border-border-strong bg-surface-raised pr-1.5 pl-3.5 text-[13px] font-medium shadow-xl shadow-black/10 data-[state=open]:animate-fade-in lg:left-60 dark:shadow-black/40",
      )}
      data-state={count > 0 ? "open" : "closed"}
    >
      {/* Always mounted (empty when nothing is selected), so the first selection is announced too. */}
      <span role="status" aria-live="polite" className="tabular whitespace-nowrap">
        {count > 0 ? `${formatNumber(count)} selected` : ""}
      </span>
      {count > 0 ? (
        <>
          {children ? (
            <>
              <span aria-hidden className="mx-1 h-4 w-px bg-border-strong" />
              {children}
            </>
          ) : null}
          <Button variant="ghost" size="icon-sm" aria-label="Clear selection" title="Clear selection (Esc)" onClick={onClear}>
            <X aria-hidden />
          </Button>
        </>
      ) : null}
    </div>
  );
}
