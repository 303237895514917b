import { AlertTriangle, CheckCircle2, Info } from "lucide-react";
import type { ConnectionInfo, ProviderHealth } from "@/lib/directory/types";
import { deviationWords } from "@/lib/directory/read-report-words";
import type { Deviation, MissingPart } from "@/lib/providers/read-report";
import { httpStatusSuffix } from "@/components/common/format";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const HEALTH: Record<ProviderHealth, { label: string; tone: BadgeTone }> = {
  ok: { label: "OK", tone: "success" },
  degraded: { label: "Degraded", tone: "warning" },
  failed: { label: "Failed", tone: "danger" },
};

/** The provider's state as a badge: OK, Degraded (listed, parts missing) or Failed. */
export function HealthBadge({ state }: { state: ProviderHealth }) {
  const { label, tone } = HEALTH[state];
  return (
    <Badge tone={tone} data-state={state} title={state === "degraded" ? "Members are listed; some parts could not be read" : undefined}>
      {label}
    </Badge>
  );
}

function DeviationLine({ deviation }: { deviation: Deviation }) {
  const words = deviationWords(deviation);
  return (
    <li className="[overflow-wrap:anywhere]" data-kind={deviation.kind}>
      <span className="font-medium tabular">{words.subject}</span> {words.verb}
      {words.code !== null ? (
        <>
          {" "}
          <code className="rounded bg-muted px-1 font-mono text-xs">{words.code}</code>
        </>
      ) : null}
      {words.tail ? ` ${words.tail}` : null}
    </li>
  );
}

function MissingLine({ part }: { part: MissingPart }) {
  return (
    <li className="[overflow-wrap:anywhere]">
      <span className="font-medium">{part.part[0].toUpperCase() + part.part.slice(1)}</span> could not be read: {part.reason}
      {httpStatusSuffix(part.status)}
      {part.permission ? (
        <span className="block text-xs">
          Needs the permission <code className="rounded bg-amber-100/80 px-1 font-mono dark:bg-amber-400/15">{part.permission}</code>
        </span>
      ) : null}
    </li>
  );
}

/**
 * What the last read found: parts it could not read (the provider is degraded) and answers
 * that did not match the provider's published spec but were read anyway.
 */
export function ReadReportSection({ connection }: { connection: ConnectionInfo }) {
  const { missing, deviations } = connection.report;
  if (connection.mode === "unconfigured" || !connection.lastSyncAt) return null;
  return (
    <div className="space-y-3" aria-label="Last read">
      {missing.length > 0 ? (
        <div
          role="status"
          className="rounded-lg border border-amber-300/70 bg-amber-50 px-3 py-2.5 text-[13px] text-amber-900 dark:border-amber-400/30 dark:bg-amber-400/10 dark:text-amber-200"
        >
          <h3 className="mb-1 flex items-center gap-1.5 font-medium">
            <AlertTriangle aria-hidden className="size-3.5 shrink-0" />
            Listed, with parts missing
          </h3>
          <ul className="space-y-1">
            {missing.map((part) => (
              <MissingLine key={part.part} part={part} />
            ))}
          </ul>
        </div>
      ) : null}
      {deviations.length > 0 ? (
        <div className="rounded-lg border border-border bg-subtle px-3 py-2.5 text-[13px]">
          <h3 className="mb-1 flex items-center gap-1.5 font-medium">
            <Info aria-hidden className="size-3.5 shrink-0 text-muted-foreground" />
            Read despite answers that differ from {connection.label}&apos;s spec
          </h3>
          <ul className="space-y-1 text-muted-foreground [&_span.font-medium]:text-foreground">
            {deviations.map((deviation) => (
              <DeviationLine key={deviation.kind} deviation={deviation} />
            ))}
          </ul>
        </div>
      ) : missing.length === 0 ? (
        <p className="flex items-center gap-1.5 text-xs text-muted-foreground">
          <CheckCircle2 aria-hidden className="size-3.5 text-emerald-600 dark:text-emerald-400" />
          The last read noted nothing unexpected.
        </p>
      ) : null}
    </div>
  );
}
