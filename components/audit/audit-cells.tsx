import { auditActionLabel, OUTCOME_LABELS } from "@/lib/audit/constants";
import type { AuditEvent, AuditOutcome } from "@/lib/audit/types";
import { isRosterRole, ROLE_LABEL } from "@/lib/auth/roles";
import { PROVIDER_IDS, type ProviderId } from "@/lib/providers/types";
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

/** The id behind the target, when the sentence names it otherwise (an email, a name). */
function targetId(event: AuditEvent): string | null {
  const id = event.target.id;
  if (!id || event.description.includes(id)) return null;
  return id;
}

function StepList({ steps }: { steps: AuditEvent[] }) {
  return (
    <details className="group mt-1" data-testid="audit-steps">
      <summary className="cursor-pointer text-xs text-muted-foreground select-none hover:text-foreground">
        {steps.length} step{steps.length === 1 ? "" : "s"}
      </summary>
      <ol className="mt-1 grid gap-1.5 border-l pl-3">
        {steps.map((step) => (
          <li key={step.id} className="grid gap-0.5 text-xs" data-testid="audit-step">
            <span className="flex flex-wrap items-center gap-1.5">
              <OutcomeBadge outcome={step.outcome} />
              <span className="break-words text-foreground">{step.description}</span>
            </span>
            {step.providerStatus !== null || step.providerMessage ? (
              <span className="break-words text-muted-foreground">
                {step.providerStatus !== null ? `HTTP ${step.providerStatus} · ` : ""}
                {step.providerMessage}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** What happened, as a sentence (what changed, on whom, where), the target's id under it, and the steps of a grouped change. */
export function DescriptionCell({ event }: { event: AuditEvent }) {
  const id = targetId(event);
  return (
    <div className="grid max-w-[32rem] min-w-48 gap-0.5">
      <span className="break-words text-sm text-foreground" data-testid="audit-description">
        {event.description}
      </span>
      {id ? (
        <code className="font-mono text-[11px] break-all text-muted-foreground" title="Target id">
          {id}
        </code>
      ) : null}
      {event.steps?.length ? <StepList steps={event.steps} /> : null}
    </div>
  );
}

const OUTCOME_TONE: Record<AuditOutcome, BadgeTone> = {
  success: "success",
  failure: "danger",
  refused: "warning",
  skipped: "info",
  pending: "neutral",
};

export function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  return (
    <Badge tone={OUTCOME_TONE[outcome] ?? "neutral"} data-outcome={outcome}>
      {OUTCOME_LABELS[outcome] ?? outcome}
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
