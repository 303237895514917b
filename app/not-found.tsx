import type { Metadata } from "next";
import Link from "next/link";
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
          <Link href="/" className={buttonClassName("primary", "md")}>
            Back to people
          </Link>
          <Link href="/audit" className={buttonClassName("secondary", "md")}>
            Audit log
          </Link>
        </>
      }
    >
      The address may be mistyped, or the page has moved. Everything Roster shows starts from the people list.
    </StatusPage>
  );
}
