"use client";

import { CircleCheck, CircleMinus, CircleHelp } from "lucide-react";
import { plural } from "@/components/common/format";
import { cn } from "@/components/ui/cn";
import { EmailProviderHead } from "./email-provider-head";
import { SKIP_LABEL, type InvitePlan, type PlanOutcome } from "./invite-plan";

function OutcomeText({ outcome }: { outcome: PlanOutcome }) {
  if (outcome === "invite")
    return (
      <span className="inline-flex items-center gap-1 text-emerald-700 dark:text-emerald-300">
        <CircleCheck aria-hidden className="size-3.5" /> Invite
      </span>
    );
  if (outcome === "unchecked")
    return (
      <span
        className="inline-flex items-center gap-1 text-muted-foreground"
        title="Could not check yet; Roster checks again before sending"
      >
        <CircleHelp aria-hidden className="size-3.5" /> Not checked
      </span>
    );
  return (
    <span className="inline-flex items-center gap-1 text-amber-800 dark:text-amber-300">
      <CircleMinus aria-hidden className="size-3.5" /> Skip: {SKIP_LABEL[outcome].toLowerCase()}
    </span>
  );
}

interface InvitePreviewProps {
  plan: InvitePlan;
  checking: boolean;
}

/** What will be sent and what skipped, per email and provider, before submission. */
export function InvitePreview({ plan, checking }: InvitePreviewProps) {
  if (plan.rows.length === 0 || plan.rows[0].outcomes.length === 0) return null;
  const providers = plan.rows[0].outcomes.map((o) => o.provider);
  return (
    <section aria-labelledby="invite-preview-title" className="space-y-2">
      <div className="flex items-baseline justify-between gap-2">
        <h3 id="invite-preview-title" className="text-[13px] font-medium">
          Preview
        </h3>
        <p role="status" aria-live="polite" className="text-xs text-muted-foreground" data-testid="invite-preview-summary">
          {checking ? "Checking members and pending invites…" : `${plural(plan.invites, "invite")} to send, ${plan.skips} skipped`}
        </p>
      </div>
      <div className="max-h-56 overflow-auto rounded-lg border border-border">
        <table aria-label="Invite preview" className={cn("w-full text-xs", checking && "opacity-60")}>
          <EmailProviderHead providers={providers} className="sticky top-0" />
          <tbody>
            {plan.rows.map((row) => (
              <tr key={row.email} className="border-t border-border">
                <th scope="row" className="max-w-56 truncate px-3 py-1.5 text-left font-normal" title={row.email}>
                  {row.email}
                </th>
                {row.outcomes.map(({ provider, outcome }) => (
                  <td key={provider} className="px-3 py-1.5 whitespace-nowrap">
                    <OutcomeText outcome={outcome} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
