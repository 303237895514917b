import { ArrowRight } from "lucide-react";
import type { AuditEvent, AuditOutcome } from "@/lib/audit/types";
import { isRosterRole, ROLE_LABEL } from "@/lib/auth/roles";
import { PROVIDER_IDS, type ProviderId } from "@/lib/providers/types";
import { auditActionLabel } from "@/lib/queries/audit-filters";
import { CopyButton } from "@/components/common/copy-button";
import { formatDateTime } from "@/components/common/format";
import { RelativeTime } from "@/components/common/relative-time";
import { useNow } from "@/components/common/use-now";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { providerMeta } from "@/components/providers/provider-meta";

const Dash = () => <span className="text-muted-foreground">—</span>;

/**
 * "2026-11-22 20:38:05", local time once the page runs (UTC, marked "Z", in the server's HTML,
 * which cannot know the browser's zone): compact, sortable, unambiguous.
 */
function exactTime(iso: string, local: boolean): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (!local) return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function TimeCell({ event }: { event: AuditEvent }) {
  const local = useNow() !== null;
  return (
    <div className="whitespace-nowrap">
      <RelativeTime iso={event.at} className="text-foreground" />
      <div className="font-mono text-[11px] text-muted-foreground" title={formatDateTime(event.at, local)}>
        {exactTime(event.at, local)}
      </div>
    </div>
  );
}

export function OperatorCell({ event }: { event: AuditEvent }) {
  const role = event.actor.role;
  return (
    <div className="min-w-0">
      <div className="max-w-40 truncate" title={event.actor.email}>
        {event.actor.email}
      </div>
      <Badge tone="outline" className="mt-0.5 h-4 px-1 text-[11px]">
        {isRosterRole(role) ? ROLE_LABEL[role] : role}
      </Badge>
    </div>
  );
}

/** The action, with the provider's badge under it. */
export function ActionCell({ event }: { event: AuditEvent }) {
  return (
    <div className="grid justify-items-start gap-1">
      <span className="whitespace-nowrap">{auditActionLabel(event.action)}</span>
      {event.provider ? <ProviderBadge provider={event.provider} /> : null}
    </div>
  );
}

function isProvider(value: string | null): value is ProviderId {
  return (PROVIDER_IDS as readonly unknown[]).includes(value);
}

function ProviderBadge({ provider }: { provider: string }) {
  if (!isProvider(provider)) return <Badge>{provider}</Badge>;
  const meta = providerMeta(provider);
  return (
    <span className={cn("inline-flex h-5 items-center gap-1.5 rounded-md border px-1.5 text-xs font-medium whitespace-nowrap", meta.badge)}>
      <span aria-hidden className={cn("size-1.5 rounded-full", meta.dot)} />
      {meta.label}
    </span>
  );
}

export function TargetCell({ event }: { event: AuditEvent }) {
  if (event.target.email) {
    return (
      <div className="max-w-40 truncate" title={event.target.email}>
        {event.target.email}
      </div>
    );
  }
  if (event.target.id) return <code className="font-mono text-xs break-all">{event.target.id}</code>;
  return <Dash />;
}

/** `{ role: "owner" }` shows as "owner" (with its workspace, if any); anything else as compact JSON. */
function describe(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "object" && "role" in value) {
    const { role, workspace } = value as { role: unknown; workspace?: unknown };
    if (role === null || role === undefined) return null;
    if (typeof role === "string") return typeof workspace === "string" ? `${role} (${workspace})` : role;
  }
  const json = JSON.stringify(value);
  return json === "{}" ? null : json;
}

export function ChangeCell({ event }: { event: AuditEvent }) {
  const before = describe(event.before);
  const after = describe(event.after);
  if (!before && !after) return <Dash />;
  return (
    <div className="grid max-w-44 min-w-36 gap-0.5 text-xs">
      <span className="truncate text-muted-foreground" title={before ?? undefined}>
        {before ?? "—"}
      </span>
      <span className="flex min-w-0 items-center gap-1">
        <ArrowRight aria-hidden className="size-3 shrink-0 text-muted-foreground" />
        <span className="sr-only">to </span>
        <span className={cn("truncate", after ? "font-medium text-foreground" : "text-muted-foreground")} title={after ?? undefined}>
          {after ?? "—"}
        </span>
      </span>
    </div>
  );
}

const OUTCOME_TONE: Record<AuditOutcome, BadgeTone> = {
  success: "success",
  failure: "danger",
  refused: "warning",
  pending: "neutral",
};

export function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  return (
    <Badge tone={OUTCOME_TONE[outcome] ?? "neutral"} data-outcome={outcome} className="capitalize">
      {outcome}
    </Badge>
  );
}

export function ProviderResponseCell({ event }: { event: AuditEvent }) {
  if (event.providerStatus === null && !event.providerMessage) return <Dash />;
  return (
    <div className="max-w-44 min-w-0 text-xs">
      {event.providerStatus !== null ? <span className="font-mono text-foreground">HTTP {event.providerStatus}</span> : null}
      {event.providerMessage ? (
        <p className="line-clamp-2 break-words text-muted-foreground" title={event.providerMessage}>
          {event.providerMessage}
        </p>
      ) : null}
    </div>
  );
}

export function RequestIdCell({ event }: { event: AuditEvent }) {
  if (!event.requestId) return <Dash />;
  return (
    <span className="inline-flex items-center gap-0.5">
      <code className="max-w-16 truncate font-mono text-[11px] text-muted-foreground" title={event.requestId}>
        {event.requestId}
      </code>
      <CopyButton value={event.requestId} label="Copy request ID" />
    </span>
  );
}
