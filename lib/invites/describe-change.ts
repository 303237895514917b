import { roleLabel } from "../providers/role-label";
import { PROVIDER_LABELS } from "../providers/types";
import type { MassChangeItem, RequestedChange } from "./types";

/** A change request's change in words, for the approval queue and its dialogs. */
export function describeChange(change: RequestedChange): string {
  if (change.kind === "arthur_user") {
    const name = [change.firstName, change.lastName].filter(Boolean).join(" ");
    return `Create the Arthur user ${change.email} (${name}) with a one-time password`;
  }
  if (change.kind === "service_account") {
    return `Create the Arthur service account "${change.name}" as ${roleLabel(change.roleName)}, with a client secret`;
  }
  if (change.kind === "mass_change") {
    const n = change.items.length;
    return `Run ${n} change${n === 1 ? "" : "s"} touching ${change.memberships} membership${change.memberships === 1 ? "" : "s"} (over the mass-change threshold): ${change.items.slice(0, 5).map(describeItem).join("; ")}${n > 5 ? `; and ${n - 5} more` : ""}`;
  }
  const who =
    change.memberEmail && change.memberEmail !== change.memberName ? `${change.memberName} (${change.memberEmail})` : change.memberName;
  if (change.group) {
    return `Add ${who} to the ${change.group.kind} "${change.group.name}" on ${PROVIDER_LABELS[change.provider]}, which grants ${roleLabel(change.roleName)}`;
  }
  const word = change.workspaceKind ?? "workspace";
  const where = change.workspaceName
    ? `in the ${change.workspaceName} ${word} on ${PROVIDER_LABELS[change.provider]}`
    : `on ${PROVIDER_LABELS[change.provider]}`;
  return `Make ${who} ${roleLabel(change.roleName)} ${where}`;
}

function describeItem(item: MassChangeItem): string {
  if (item.action === "offboard")
    return `remove ${item.email} everywhere (${item.memberships} membership${item.memberships === 1 ? "" : "s"})`;
  const on = PROVIDER_LABELS[item.provider];
  if (item.action === "revoke_invite") return `revoke the invite of ${item.email ?? item.inviteId} on ${on}`;
  const who = item.email ?? item.memberId;
  if (item.action === "remove_member") return `remove ${who} from ${on}`;
  return `make ${who} ${roleLabel(item.role)} on ${on}`;
}

/** The kind of request in a few words. */
export const REQUEST_KIND_LABELS = {
  invite: "Invite",
  arthur_user: "New Arthur user",
  admin_role: "Admin-level role",
  service_account: "New service account",
  mass_change: "Mass change",
} as const;
