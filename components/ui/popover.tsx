"use client";

import { Popover as PopoverPrimitive } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export const Popover = PopoverPrimitive.Root;
export const PopoverTrigger = PopoverPrimitive.Trigger;

export const floatingPanelClassName = cn(
  "z-50 rounded-lg border border-border bg-surface-raised text-foreground shadow-lg shadow-black/5 outline-none dark:shadow-black/40",
  "origin-(--radix-popper-transform-origin) data-[state=open]:animate-fade-in",
);

export function PopoverContent({ className, align = "start", sideOffset = 6, ...props }: ComponentProps<typeof PopoverPrimitive.Content>) {
  return (
    <PopoverPrimitive.Portal>
      <PopoverPrimitive.Content align={align} sideOffset={sideOffset} className={cn(floatingPanelClassName, className)} {...props} />
    </PopoverPrimitive.Portal>
  );
}
