import type { Metadata } from "next";
import { Suspense } from "react";
import { OutsidePage } from "@/components/outside/outside-page";

export const metadata: Metadata = { title: "Changed outside Roster" };

export default function Page() {
  // Provider and page live in the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense>
      <OutsidePage />
    </Suspense>
  );
}
