import { ExternalLink } from "lucide-react";
import type { OutsideChangeView } from "@/lib/governance/outside-types";
import { Badge } from "@/components/ui/badge";
import { providerLabel } from "@/components/providers/provider-meta";

/** What a provider logged, in words: "Role set to owner", "Removed", "Invited as member". */
export function outsideWhat(change: Pick<OutsideChangeView, "action" | "role">): string {
  const role = change.role ? ` ${change.role}` : "";
  switch (change.action) {
    case "member_added":
      return `Added${role ? ` as${role}` : ""}`;
    case "role_changed":
      return change.role ? `Role set to ${change.role}` : "Role changed";
    case "member_removed":
      return "Removed from the organization";
    case "invite_sent":
      return `Invited${role ? ` as${role}` : ""}`;
    case "invite_accepted":
      return "Accepted an invite";
    case "invite_revoked":
      return "Invite revoked";
  }
}

/** Who made it on the provider: "alice@… in the OpenAI console", or an API key. */
export function outsideBy(change: Pick<OutsideChangeView, "actor" | "provider">): string {
  const where = providerLabel(change.provider);
  const who = change.actor.email ?? change.actor.id ?? "someone";
  if (change.actor.kind === "session") return `${who} in the ${where} console`;
  if (change.actor.kind === "api_key") return `${who} with an ${where} API key`;
  return `${who} on ${where}`;
}

/** The mark of a change made outside Roster (the person, the users table, the timeline). */
export function OutsideBadge({ title }: { title?: string }) {
  return (
    <Badge tone="warning" title={title ?? "Changed on the provider outside Roster lately"} data-testid="outside-badge">
      <ExternalLink aria-hidden />
      Changed outside Roster
    </Badge>
  );
}
