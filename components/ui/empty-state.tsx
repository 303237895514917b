import type { ReactNode } from "react";
import { cn } from "./cn";

interface EmptyStateProps {
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  className?: string;
}

export function EmptyState({ icon, title, description, action, className }: EmptyStateProps) {
  return (
    <div className={cn("flex flex-col items-center justify-center px-6 py-16 text-center", className)}>
      {icon ? (
        <div className="mb-4 flex size-10 items-center justify-center rounded-lg border border-border bg-surface text-muted-foreground shadow-xs [&_svg]:size-5">
          {icon}
        </div>
      ) : null}
      <h2 className="text-sm font-semibold text-foreground">{title}</h2>
      {description ? <div className="mt-1 max-w-sm text-[13px] leading-5 text-muted-foreground">{description}</div> : null}
      {action ? <div className="mt-5 flex items-center gap-2">{action}</div> : null}
    </div>
  );
}
