import type { Metadata } from "next";
import { Suspense } from "react";
import { UsersPage } from "@/components/users/users-page";
import { UsersPageSkeleton } from "@/components/users/users-page-skeleton";

export const metadata: Metadata = { title: "Users" };

export default function Page() {
  // The table keeps its state in the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<UsersPageSkeleton />}>
      <UsersPage />
    </Suspense>
  );
}
