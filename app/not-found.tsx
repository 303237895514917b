import type { Metadata } from "next";
import { StatusPage } from "@/components/shell/status-page";
import { buttonClassName } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <StatusPage
      code="404"
      title="This page does not exist"
      actions={
        <>
          <a href="/" className={buttonClassName("primary", "md")}>
            Back to people
          </a>
          <a href="/audit" className={buttonClassName("secondary", "md")}>
            Audit log
          </a>
        </>
      }
    >
      The address may be mistyped, or the page has moved. Everything Roster shows starts from the people list.
    </StatusPage>
  );
}
