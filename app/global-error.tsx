"use client";

import { StatusPage } from "@/components/shell/status-page";
import { Button } from "@/components/ui/button";
import "./globals.css";

/** When even the root layout fails: its own html and body, in Roster's look. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-background text-foreground">
        <StatusPage
          code="Error"
          title="Roster could not be shown"
          actions={
            <>
              <Button variant="primary" size="md" onClick={() => reset()}>
                Try again
              </Button>
              <a
                href="/"
                className="inline-flex h-9 items-center rounded-md border border-border-strong bg-surface px-3.5 text-sm font-medium"
              >
                Back to people
              </a>
            </>
          }
        >
          Something went wrong while loading Roster. Nothing was changed.
          {error.digest ? ` Reference: ${error.digest}` : null}
        </StatusPage>
      </body>
    </html>
  );
}
