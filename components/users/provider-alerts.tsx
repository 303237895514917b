"use client";

import { AlertTriangle, RotateCw } from "lucide-react";
import type { ProviderState } from "@/lib/directory/types";
import { RelativeTime } from "@/components/common/relative-time";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { providerLabel } from "@/components/providers/provider-meta";
import { useSyncProviders } from "@/components/providers/use-sync-providers";
import { httpStatusSuffix } from "@/components/common/format";

function ProviderAlert({ state }: { state: ProviderState }) {
  const sync = useSyncProviders();
  const label = providerLabel(state.id);
  const status = httpStatusSuffix(state.error?.status);
  return (
    <Callout
      tone="danger"
      role="alert"
      icon={<AlertTriangle aria-hidden />}
      action={
        <Button onClick={() => sync.mutate(state.id)} disabled={sync.isPending} aria-busy={sync.isPending}>
          <RotateCw aria-hidden className={sync.isPending ? "animate-spin" : undefined} />
          Retry
        </Button>
      }
    >
      <p>
        <span className="font-medium">{label}:</span> {state.error?.message ?? "Could not read members"}
        {status}
      </p>
      <p className="mt-0.5 text-xs opacity-80">
        {state.fetchedAt && state.count > 0 ? (
          <>
            Showing {label} members from the last successful sync, <RelativeTime iso={state.fetchedAt} />. The other
            providers are up to date.
          </>
        ) : (
          <>{label} members are missing from the list below. The other providers are shown.</>
        )}
      </p>
    </Callout>
  );
}

/** One alert per provider that failed to read, each with its own Retry. */
export function ProviderAlerts({ providers }: { providers: ProviderState[] }) {
  const failed = providers.filter((state) => !state.ok && state.mode !== "unconfigured");
  if (failed.length === 0) return null;
  return (
    <div className="space-y-2">
      {failed.map((state) => (
        <ProviderAlert key={state.id} state={state} />
      ))}
    </div>
  );
}
