"use client";

import { useQuery } from "@tanstack/react-query";
import type { InviteItem } from "@/lib/invites/types";
import type { ProviderId } from "@/lib/providers/types";
import { inviteRequestQueryOptions } from "@/lib/queries/invites";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { EmailProviderHead } from "./email-provider-head";
import { ItemStateBadge, orderedProviders } from "./request-status";

/** Results per email and provider of one request, read when shown. */
export function RequestResults({ requestId, id }: { requestId: string; id: string }) {
  const detail = useQuery(inviteRequestQueryOptions(requestId));
  if (detail.isPending)
    return (
      <div id={id} className="space-y-2 p-3" aria-busy>
        <Skeleton className="h-4 w-2/3" />
        <Skeleton className="h-4 w-1/2" />
      </div>
    );
  if (detail.isError)
    return (
      <div id={id} role="alert" className="flex items-center gap-3 p-3 text-xs text-danger-text">
        Could not load the results: {detail.error.message}
        <Button size="sm" onClick={() => void detail.refetch()}>
          Try again
        </Button>
      </div>
    );

  const byEmail = new Map<string, Map<ProviderId, InviteItem>>();
  for (const item of detail.data.items) {
    if (!byEmail.has(item.email)) byEmail.set(item.email, new Map());
    byEmail.get(item.email)!.set(item.provider, item);
  }
  const providers = orderedProviders(detail.data).map((p) => p.provider);
  return (
    <div id={id} className="relative overflow-x-auto">
      <table aria-label="Results per email and provider" className="w-full text-xs">
        <EmailProviderHead providers={providers} />
        <tbody>
          {[...byEmail].map(([email, items]) => (
            <tr key={email} className="border-t border-border">
              <th scope="row" className="px-3 py-1.5 text-left font-normal whitespace-nowrap">
                {email}
              </th>
              {providers.map((provider) => {
                const item = items.get(provider);
                return (
                  <td key={provider} className="max-w-64 px-3 py-1.5" data-provider={provider}>
                    {item ? <ItemStateBadge item={item} /> : <span className="text-muted-foreground">—</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
