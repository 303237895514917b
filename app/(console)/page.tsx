import { HydrationBoundary, QueryClient, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { Suspense } from "react";
import { requireOperatorPage } from "@/lib/auth/session";
import { listUsers } from "@/lib/directory/service";
import { usersKeys } from "@/lib/queries/keys";
import { parseUsersQuery } from "@/lib/queries/users";
import { UsersPage } from "@/components/users/users-page";
import { UsersPageSkeleton } from "@/components/users/users-page-skeleton";

export const metadata: Metadata = { title: "Users" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The users page arrives with its first page of people in the HTML: the server answers the
 * same query the page would ask `GET /api/users` for, and hands it to React Query, so the
 * rows show before any script has run. A failure here is left to the page, which asks
 * again and shows the error.
 */
export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  await requireOperatorPage("/");
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) params.set(key, first);
  }
  const query = parseUsersQuery(params);
  const queryClient = new QueryClient();
  try {
    queryClient.setQueryData(usersKeys.list(query), await listUsers(query));
  } catch {
    /* the page asks again and shows the error */
  }
  // The table keeps its state in the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <Suspense fallback={<UsersPageSkeleton />}>
        <UsersPage />
      </Suspense>
    </HydrationBoundary>
  );
}
