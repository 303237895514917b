import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

const TONES = {
  danger: "border-danger-border bg-danger-subtle text-danger-text",
  warning: "border-amber-300/70 bg-amber-50 text-amber-900 dark:border-amber-400/30 dark:bg-amber-400/10 dark:text-amber-200",
  info: "border-border bg-subtle text-foreground",
} as const;

interface CalloutProps extends Omit<ComponentProps<"div">, "title"> {
  tone?: keyof typeof TONES;
  icon?: ReactNode;
  title?: ReactNode;
  action?: ReactNode;
}

/** An inline message box. Pass `role="alert"` for failures the operator must notice now. */
export function Callout({ tone = "info", icon, title, action, className, children, ...props }: CalloutProps) {
  return (
    <div className={cn("flex items-start gap-3 rounded-lg border px-3.5 py-2.5 text-[13px] leading-5", TONES[tone], className)} {...props}>
      {icon ? <span className="mt-0.5 shrink-0 [&_svg]:size-4">{icon}</span> : null}
      <div className="min-w-0 flex-1">
        {title ? <div className="font-medium">{title}</div> : null}
        {children ? <div className={cn(title ? "opacity-90" : undefined, "break-words")}>{children}</div> : null}
      </div>
      {action ? <div className="-my-1 shrink-0">{action}</div> : null}
    </div>
  );
}
