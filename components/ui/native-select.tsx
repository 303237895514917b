import { ChevronDown } from "lucide-react";
import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A styled native `<select>`: fully keyboard and screen-reader friendly on every platform. */
export function NativeSelect({ className, children, ...props }: ComponentProps<"select">) {
  return (
    <span className={cn("relative inline-flex", className)}>
      <select
        className={cn(
          "h-8 cursor-pointer appearance-none rounded-md border border-border-strong bg-surface pr-7 pl-2.5 text-[13px] text-foreground shadow-xs",
          "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring tabular",
        )}
        {...props}
      >
        {children}
      </select>
      <ChevronDown aria-hidden className="pointer-events-none absolute top-1/2 right-2 size-3.5 -translate-y-1/2 text-muted-foreground" />
    </span>
  );
}
