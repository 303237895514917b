import { Skeleton } from "@/components/ui/skeleton";

/** First paint of the users page, before its client code has read the URL. */
export function UsersPageSkeleton() {
  return (
    <div className="mx-auto w-full max-w-[1440px] space-y-4 px-4 py-6 sm:px-6" aria-busy aria-label="Loading people">
      <div className="grid gap-3 sm:grid-cols-3">
        {[0, 1, 2].map((index) => (
          <Skeleton key={index} className="h-[58px] rounded-lg" />
        ))}
      </div>
      <div className="flex flex-wrap gap-2">
        <Skeleton className="h-8 w-64" />
        {[0, 1, 2, 3].map((index) => (
          <Skeleton key={index} className="h-8 w-24" />
        ))}
      </div>
      <div className="overflow-hidden rounded-lg border border-border bg-surface">
        <div className="h-9 border-b border-border bg-subtle" />
        {Array.from({ length: 8 }, (_, index) => (
          <div key={index} className="flex h-[52px] items-center gap-4 border-b border-border px-4 last:border-0">
            <Skeleton className="size-4" />
            <Skeleton className="size-8 rounded-full" />
            <Skeleton className="h-3.5 w-48" />
            <Skeleton className="h-5 w-40" />
            <Skeleton className="ml-auto h-3.5 w-20" />
          </div>
        ))}
      </div>
    </div>
  );
}
