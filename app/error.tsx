"use client";

import { StatusPage } from "@/components/shell/status-page";
import { Button, buttonClassName } from "@/components/ui/button";

/** A page that failed to render: say so, offer to try again and the way back. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <StatusPage
      code="Error"
      title="This page could not be shown"
      actions={
        <>
          <Button variant="primary" size="md" onClick={() => reset()}>
            Try again
          </Button>
          <a href="/" className={buttonClassName("secondary", "md")}>
            Back to people
          </a>
        </>
      }
    >
      Something went wrong while showing this page. Nothing was changed.
      {error.digest ? (
        <>
          {" "}
          If it keeps happening, give your administrator this reference: <code className="font-mono text-foreground">{error.digest}</code>
        </>
      ) : null}
    </StatusPage>
  );
}
