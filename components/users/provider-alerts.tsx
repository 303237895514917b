"use client";

import { AlertTriangle, RotateCw } from "lucide-react";
import Link from "next/link";
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
            Showing {label} members from the last successful sync, <RelativeTime iso={state.fetchedAt} />. The other providers are up to
            date.
          </>
        ) : (
          <>{label} members are missing from the list below. The other providers are shown.</>
        )}
      </p>
    </Callout>
  );
}

/** A provider whose members are listed, but some parts of it could not be read. */
function DegradedAlert({ state }: { state: ProviderState }) {
  const label = providerLabel(state.id);
  const parts = state.report.missing;
  return (
    <Callout
      tone="warning"
      role="status"
      data-state="degraded"
      icon={<AlertTriangle aria-hidden />}
      action={
        <Link href="/connections" className="text-xs font-medium underline underline-offset-2">
          Details
        </Link>
      }
    >
      <p>
        <span className="font-medium">{label} is degraded:</span> members are listed, but{" "}
        {parts.map((p) => `its ${p.part} could not be read: ${p.reason}${httpStatusSuffix(p.status)}`).join("; ")}.
      </p>
      <p className="mt-0.5 text-xs opacity-80">
        {parts.some((p) => p.part === "role bindings")
          ? `${label} roles show as unknown.`
          : parts.some((p) => p.part === "invites")
            ? `${label}'s pending invites are not shown.`
            : "What is shown may be incomplete."}
      </p>
    </Callout>
  );
}

/** One alert per provider that failed to read, each with its own Retry; a quieter one per degraded provider. */
export function ProviderAlerts({ providers }: { providers: ProviderState[] }) {
  const configured = providers.filter((state) => state.mode !== "unconfigured");
  const failed = configured.filter((state) => !state.ok);
  const degraded = configured.filter((state) => state.ok && state.state === "degraded");
  if (failed.length === 0 && degraded.length === 0) return null;
  return (
    <div className="space-y-2">
      {failed.map((state) => (
        <ProviderAlert key={state.id} state={state} />
      ))}
      {degraded.map((state) => (
        <DegradedAlert key={state.id} state={state} />
      ))}
    </div>
  );
}
