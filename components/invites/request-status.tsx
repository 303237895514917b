import type { InviteItem, InviteRequest, InviteRequestStatus } from "@/lib/invites/types";
import { PROVIDER_IDS } from "@/lib/providers/types";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { SKIP_LABEL } from "./invite-plan";
import { httpStatusSuffix } from "@/components/common/format";

const STATUS: Record<InviteRequestStatus, { label: string; tone: BadgeTone }> = {
  pending: { label: "Pending", tone: "warning" },
  approved: { label: "Approved", tone: "success" },
  rejected: { label: "Rejected", tone: "danger" },
  cancelled: { label: "Cancelled", tone: "neutral" },
  expired: { label: "Expired", tone: "outline" },
};

export const STATUS_OPTIONS = (Object.keys(STATUS) as InviteRequestStatus[]).map((value) => ({ value, label: STATUS[value].label }));

export function RequestStatusBadge({ status }: { status: InviteRequestStatus }) {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}

/** An item's state in words: "Sent", "Skipped: already a member", "Failed: <the provider's message>". */
export function itemStateText(item: InviteItem): string {
  switch (item.state) {
    case "sent":
      return "Sent";
    case "skipped":
      return `Skipped: ${item.skipReason ? SKIP_LABEL[item.skipReason].toLowerCase() : "nothing to do"}`;
    case "failed":
      return `Failed: ${item.error?.message ?? "no answer"}${httpStatusSuffix(item.error?.status)}`;
    case "sending":
      return "Sending…";
    default:
      return "Queued";
  }
}

const ITEM_TONE: Record<InviteItem["state"], BadgeTone> = {
  queued: "outline",
  sending: "info",
  sent: "success",
  skipped: "neutral",
  failed: "danger",
};

export function ItemStateBadge({ item }: { item: InviteItem }) {
  const text = itemStateText(item);
  const [head] = text.split(":");
  return (
    <span className="inline-flex min-w-0 items-center gap-1.5">
      <Badge tone={ITEM_TONE[item.state]}>{head}</Badge>
      {text.length > head.length ? (
        <span className="min-w-0 truncate text-xs text-muted-foreground" title={text}>
          {text.slice(head.length + 1).trim()}
        </span>
      ) : null}
    </span>
  );
}

/** A request's providers in the console's usual order (OpenAI, Astronomer, Arthur). */
export function orderedProviders(request: InviteRequest): InviteRequest["providers"] {
  return [...request.providers].sort((a, b) => PROVIDER_IDS.indexOf(a.provider) - PROVIDER_IDS.indexOf(b.provider));
}
