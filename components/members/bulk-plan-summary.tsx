import { Info } from "lucide-react";
import { formatNumber } from "@/components/common/format";
import { ProviderDot } from "@/components/providers/provider-dot";
import type { BulkPlan } from "./bulk-plan";

const SHOWN = 8;

function groupSkips(plan: BulkPlan): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const skip of plan.skipped) counts.set(skip.reason, (counts.get(skip.reason) ?? 0) + 1);
  return [...counts.entries()];
}

/** The confirmation: how many changes, on whom (the first few by name), and who is skipped and why. */
export function BulkPlanSummary({ plan, headline }: { plan: BulkPlan; headline: string }) {
  const names = plan.items.slice(0, SHOWN);
  const more = plan.items.length - names.length;
  return (
    <section aria-label="Summary" className="space-y-2 rounded-lg border border-border bg-subtle px-3.5 py-3">
      <p className="font-medium">{headline}</p>
      {plan.items.length > 0 ? (
        <ul className="flex flex-wrap gap-1.5">
          {names.map((item) => (
            <li
              key={item.key}
              className="inline-flex h-6 max-w-full items-center gap-1.5 rounded-md border border-border bg-surface px-1.5 text-xs"
            >
              <ProviderDot provider={item.membership.provider} className="size-1.5" />
              <span className="truncate">{item.name}</span>
              {item.membership.status === "invited" ? <span className="text-muted-foreground">(invite)</span> : null}
            </li>
          ))}
          {more > 0 ? <li className="inline-flex h-6 items-center text-xs text-muted-foreground">and {formatNumber(more)} more</li> : null}
        </ul>
      ) : null}
      {plan.skipped.length > 0 ? (
        <ul className="space-y-0.5 text-xs text-muted-foreground">
          {groupSkips(plan).map(([reason, count]) => (
            <li key={reason} className="flex items-center gap-1.5">
              <Info aria-hidden className="size-3.5 shrink-0" />
              Skipped {formatNumber(count)}: {reason.charAt(0).toLowerCase() + reason.slice(1)}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
