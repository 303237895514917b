import { Slot } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "./cn";

const VARIANTS = {
  primary: "bg-primary text-primary-foreground shadow-sm hover:bg-primary/90 disabled:bg-primary/60",
  secondary: "border border-border-strong bg-surface text-foreground shadow-xs hover:bg-accent disabled:text-muted-foreground",
  // Enabled reads as enabled (text colour); only a disabled ghost button is muted.
  ghost: "text-foreground hover:bg-accent hover:text-accent-foreground disabled:text-muted-foreground aria-disabled:text-muted-foreground",
  danger: "bg-danger text-danger-foreground shadow-sm hover:bg-danger/90",
} as const;

const SIZES = {
  sm: "h-8 gap-1.5 rounded-md px-2.5 text-[13px]",
  md: "h-9 gap-2 rounded-md px-3.5 text-sm",
  icon: "size-8 rounded-md",
  "icon-sm": "size-7 rounded-md",
} as const;

export type ButtonVariant = keyof typeof VARIANTS;
export type ButtonSize = keyof typeof SIZES;

export function buttonClassName(variant: ButtonVariant = "secondary", size: ButtonSize = "sm"): string {
  return cn(
    "inline-flex shrink-0 cursor-pointer items-center justify-center font-medium whitespace-nowrap transition-colors select-none",
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
    "disabled:cursor-not-allowed disabled:opacity-70 aria-disabled:cursor-not-allowed aria-disabled:opacity-60 [&_svg]:size-4 [&_svg]:shrink-0",
    VARIANTS[variant],
    SIZES[size],
  );
}

export interface ButtonProps extends ComponentProps<"button"> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Render the child element (a link, say) with the button's styles. */
  asChild?: boolean;
}

export function Button({ variant, size, asChild, className, type, ...props }: ButtonProps) {
  const Component = asChild ? Slot.Root : "button";
  return <Component type={asChild ? undefined : (type ?? "button")} className={cn(buttonClassName(variant, size), className)} {...props} />;
}
