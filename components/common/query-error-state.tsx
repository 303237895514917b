"use client";

import { AlertTriangle, RotateCw } from "lucide-react";
import Link from "next/link";
import { isApiFailure } from "@/lib/api/fetcher";
import { Button } from "@/components/ui/button";
import { httpStatusSuffix } from "@/components/common/format";

interface QueryErrorStateProps {
  title: string;
  error: unknown;
  onRetry: () => void;
  retrying?: boolean;
  /** Where to go instead: offered in place of "Try again" when asking again cannot help (a 4xx). */
  back?: { href: string; label: string };
}

/** A whole-page failure: what went wrong in the server's words, and the request id to quote. */
export function QueryErrorState({ title, error, onRetry, retrying = false, back }: QueryErrorStateProps) {
  const hopeless = Boolean(back) && isApiFailure(error) && error.isClientError;
  const message = error instanceof Error ? error.message : "Something went wrong.";
  const requestId = isApiFailure(error) ? error.requestId : null;
  const status = isApiFailure(error) && error.status > 0 ? error.status : null;
  return (
    <div role="alert" className="flex flex-col items-center rounded-lg border border-border bg-surface px-6 py-16 text-center shadow-xs">
      <div className="mb-4 flex size-10 items-center justify-center rounded-lg border border-danger-border bg-danger-subtle text-danger-text">
        <AlertTriangle aria-hidden className="size-5" />
      </div>
      <h2 className="text-sm font-semibold">{title}</h2>
      <p className="mt-1 max-w-md text-[13px] leading-5 text-muted-foreground">
        {message}
        {httpStatusSuffix(status)}
      </p>
      {requestId ? (
        <p className="mt-3 text-xs text-muted-foreground">
          Request ID <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-[11px] text-foreground select-all">{requestId}</code>
        </p>
      ) : null}
      <div className="mt-5 flex flex-wrap justify-center gap-2">
        {back ? (
          <Button asChild variant={hopeless ? "primary" : "secondary"}>
            <Link href={back.href}>{back.label}</Link>
          </Button>
        ) : null}
        {hopeless ? null : (
          <Button onClick={onRetry} disabled={retrying}>
            <RotateCw aria-hidden className={retrying ? "animate-spin" : undefined} />
            Try again
          </Button>
        )}
      </div>
    </div>
  );
}
