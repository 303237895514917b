import type { ComponentProps } from "react";
import { cn } from "./cn";

export const inputClassName = cn(
  "h-9 w-full min-w-0 rounded-md border border-input bg-surface px-3 text-sm text-foreground shadow-xs",
  "placeholder:text-muted-foreground/80 transition-[border-color,box-shadow]",
  "focus-visible:border-ring focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/20",
  "disabled:cursor-not-allowed disabled:opacity-60",
  "aria-invalid:border-danger aria-invalid:ring-danger/20",
);

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(inputClassName, className)} {...props} />;
}

export function Label({ className, ...props }: ComponentProps<"label">) {
  return <label className={cn("text-[13px] font-medium text-foreground", className)} {...props} />;
}
