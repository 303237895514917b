"use client";

import { AlertTriangle, Check, CircleSlash, RefreshCw, Settings2 } from "lucide-react";
import type { ReactNode } from "react";
import type { ConnectionInfo } from "@/lib/directory/types";
import { formatNumber, httpStatusSuffix } from "@/components/common/format";
import { RelativeTime } from "@/components/common/relative-time";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { cn } from "@/components/ui/cn";
import { ModeBadge } from "@/components/providers/mode-badge";
import { ProviderDot } from "@/components/providers/provider-dot";
import { providerLabel } from "@/components/providers/provider-meta";
import { useSyncProviders } from "@/components/providers/use-sync-providers";
import { AcceptArthurInvitesButton } from "./accept-invites-button";
import { HealthBadge, ReadReportSection } from "./read-report-section";

const CAPABILITIES: Array<{ key: keyof ConnectionInfo["capabilities"]; label: string }> = [
  { key: "listInvites", label: "Lists invites" },
  { key: "revokeInvite", label: "Revokes invites" },
  { key: "workspaceRoles", label: "Workspace roles" },
  { key: "serviceAccounts", label: "Service accounts" },
];

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8.5rem_1fr] gap-3 py-2.5 text-[13px]">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 text-foreground">{children}</dd>
    </div>
  );
}

function httpStatus(status: number | null): string {
  return httpStatusSuffix(status);
}

function Identity({ connection }: { connection: ConnectionInfo }) {
  if (connection.identity) {
    const { name, email, organization } = connection.identity;
    return (
      <div className="min-w-0 [overflow-wrap:anywhere]">
        <div className="font-medium">{name || email || connection.identity.id}</div>
        {email && name ? <div className="text-xs text-muted-foreground">{email}</div> : null}
        {organization ? <div className="text-xs text-muted-foreground">Organization: {organization}</div> : null}
      </div>
    );
  }
  if (connection.identityError) {
    return (
      <span className="text-danger-text">
        {connection.identityError.message}
        {httpStatus(connection.identityError.status)}
      </span>
    );
  }
  return <span className="text-muted-foreground">—</span>;
}

export function ConnectionCard({ connection }: { connection: ConnectionInfo }) {
  const sync = useSyncProviders();
  const label = providerLabel(connection.id);
  const headingId = `connection-${connection.id}`;
  const configured = connection.mode !== "unconfigured";
  // The last attempt failed when its error is newer than the last success.
  const failing =
    connection.lastErrorAt !== null &&
    (connection.lastSyncAt === null || Date.parse(connection.lastErrorAt) > Date.parse(connection.lastSyncAt));

  return (
    <section
      aria-labelledby={headingId}
      className={cn(
        "flex flex-col rounded-xl border bg-surface shadow-xs",
        failing
          ? "border-danger-border"
          : connection.state === "degraded"
            ? "border-amber-300/70 dark:border-amber-400/30"
            : "border-border",
      )}
      data-provider={connection.id}
    >
      <header className="flex items-center gap-3 border-b border-border px-5 py-4">
        <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1.5">
          <span className="flex items-center gap-3">
            <ProviderDot provider={connection.id} className="size-2.5" />
            <h2 id={headingId} className="text-[15px] font-semibold tracking-tight">
              {label}
            </h2>
          </span>
          <span className="flex items-center gap-1.5">
            <ModeBadge mode={connection.mode} />
            {configured ? <HealthBadge state={failing ? "failed" : connection.state} /> : null}
          </span>
        </div>
        <div className="ml-auto shrink-0">
          <Button
            onClick={() => sync.mutate(connection.id)}
            disabled={!configured || sync.isPending}
            aria-busy={sync.isPending}
            title={configured ? `Read ${label}'s members again now` : `${label} is not configured`}
          >
            <RefreshCw aria-hidden className={sync.isPending ? "animate-spin" : undefined} />
            Sync now
          </Button>
        </div>
      </header>

      <div className="flex flex-1 flex-col gap-4 px-5 py-3">
        {!configured ? (
          <Callout icon={<Settings2 aria-hidden />} title="Not configured" className="mt-1">
            {connection.missing ? (
              <>
                Missing: <code className="font-mono text-xs">{connection.missing}</code>
              </>
            ) : (
              "Set this provider's credentials to connect it."
            )}
          </Callout>
        ) : null}

        <dl className="divide-y divide-border">
          <Field label="Host">{connection.host ? <code className="font-mono text-xs break-all">{connection.host}</code> : "—"}</Field>
          <Field label="Signed in as">
            <Identity connection={connection} />
          </Field>
          <Field label="Last successful sync">
            {connection.lastSyncAt ? <RelativeTime iso={connection.lastSyncAt} /> : <span className="text-muted-foreground">Never</span>}
          </Field>
          <Field label="Last error">
            {connection.lastError ? (
              <span className="flex items-start gap-1.5 text-danger-text">
                <AlertTriangle aria-hidden className="mt-0.5 size-3.5 shrink-0" />
                <span className="min-w-0">
                  {connection.lastError.message}
                  {httpStatus(connection.lastError.status)}
                  {connection.lastErrorAt ? (
                    <span className="block text-xs opacity-80">
                      <RelativeTime iso={connection.lastErrorAt} />
                    </span>
                  ) : null}
                </span>
              </span>
            ) : (
              <span className="text-muted-foreground">None</span>
            )}
          </Field>
          <Field label="Members">
            <span className="tabular">{formatNumber(connection.members)}</span>
            <span className="text-muted-foreground"> incl. pending invites</span>
          </Field>
        </dl>

        <ReadReportSection connection={connection} />

        <div className="mt-auto pb-2">
          <h3 className="mb-2 text-xs font-medium text-muted-foreground">Capabilities</h3>
          <ul className="flex flex-wrap gap-1.5">
            {CAPABILITIES.map(({ key, label: capability }) => {
              const on = connection.capabilities[key];
              return (
                <li
                  key={key}
                  className={cn(
                    "inline-flex h-6 items-center gap-1 rounded-md border px-2 text-xs",
                    on ? "border-border-strong text-foreground" : "border-dashed border-border text-muted-foreground",
                  )}
                >
                  {on ? (
                    <Check aria-hidden className="size-3 text-emerald-600 dark:text-emerald-400" />
                  ) : (
                    <CircleSlash aria-hidden className="size-3" />
                  )}
                  {capability}
                  <span className="sr-only">{on ? "(supported)" : "(not supported)"}</span>
                </li>
              );
            })}
          </ul>
          {connection.id === "arthur" ? (
            <div className="mt-3 border-t border-border pt-3">
              <AcceptArthurInvitesButton configured={configured} />
            </div>
          ) : null}
        </div>
      </div>
    </section>
  );
}
