import { cn } from "@/components/ui/cn";

export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden className={cn("size-7 shrink-0", className)}>
      <rect width="32" height="32" rx="8" className="fill-zinc-900 dark:fill-zinc-100" />
      <rect x="8" y="9" width="16" height="3" rx="1.5" className="fill-emerald-400 dark:fill-emerald-500" />
      <rect x="8" y="14.5" width="16" height="3" rx="1.5" className="fill-violet-400 dark:fill-violet-500" />
      <rect x="8" y="20" width="10" height="3" rx="1.5" className="fill-sky-400 dark:fill-sky-500" />
    </svg>
  );
}

export function Wordmark({ className }: { className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-2.5", className)}>
      <LogoMark />
      <span className="text-[15px] font-semibold tracking-tight text-foreground">Roster</span>
    </span>
  );
}
