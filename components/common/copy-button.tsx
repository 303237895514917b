"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

interface CopyButtonProps {
  value: string;
  /** Accessible name, e.g. "Copy request ID". */
  label: string;
  className?: string;
}

/** Copies a value to the clipboard; the icon turns into a check for a moment. */
export function CopyButton({ value, label, className }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);

  return (
    <Button
      variant="ghost"
      size="icon-sm"
      aria-label={label}
      title={copied ? "Copied" : label}
      className={cn("size-6 [&_svg]:size-3.5", className)}
      onClick={() =>
        navigator.clipboard.writeText(value).then(
          () => setCopied(true),
          () => toast.error("Could not copy", { description: "The browser did not allow access to the clipboard." }),
        )
      }
    >
      {copied ? <Check aria-hidden className="text-emerald-600 dark:text-emerald-400" /> : <Copy aria-hidden />}
      <span className="sr-only" role="status">
        {copied ? "Copied" : ""}
      </span>
    </Button>
  );
}
