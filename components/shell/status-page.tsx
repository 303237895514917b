import type { ReactNode } from "react";
import { buttonClassName } from "@/components/ui/button";
import { Wordmark } from "./wordmark";

interface StatusPageProps {
  code?: string;
  title: string;
  children: ReactNode;
  /** Buttons under the text; "Back to people" when none is given. */
  actions?: ReactNode;
}

/**
 * A whole page for "not found" and "something went wrong", in Roster's look, with a way back.
 * Plain links, not next/link: a way back from an error is a fresh page load, and the three
 * status pages are loaded with every page, so they stay free of the router's link code.
 */
export function StatusPage({ code, title, children, actions }: StatusPageProps) {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-subtle px-4 py-12">
      <main id="main" className="w-full max-w-[440px]">
        <div className="mb-8 flex justify-center">
          <a href="/" aria-label="Roster home">
            <Wordmark />
          </a>
        </div>
        <div className="rounded-xl border border-border bg-surface p-6 shadow-sm sm:p-8">
          {code ? <p className="font-mono text-xs text-muted-foreground">{code}</p> : null}
          <h1 className="mt-1 text-lg font-semibold tracking-tight break-words">{title}</h1>
          <div className="mt-2 text-[13px] leading-5 break-words text-muted-foreground">{children}</div>
          <div className="mt-6 flex flex-wrap gap-2">
            {actions ?? (
              <a href="/" className={buttonClassName("primary", "md")}>
                Back to people
              </a>
            )}
          </div>
        </div>
      </main>
    </div>
  );
}
