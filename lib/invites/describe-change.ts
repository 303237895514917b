import { roleLabel } from "../providers/role-label";
import { PROVIDER_LABELS } from "../providers/types";
import type { RequestedChange } from "./types";

/** A change request's change in words, for the approval queue and its dialogs. */
export function describeChange(change: RequestedChange): string {
  if (change.kind === "arthur_user") {
    const name = [change.firstName, change.lastName].filter(Boolean).join(" ");
    return `Create the Arthur user ${change.email} (${name}) with a one-time password`;
  }
  if (change.kind === "service_account") {
    return `Create the Arthur service account "${change.name}" as ${roleLabel(change.roleName)}, with a client secret`;
  }
  const who = change.memberEmail && change.memberEmail !== change.memberName ? `${change.memberName} (${change.memberEmail})` : change.memberName;
  const word = change.workspaceKind ?? "workspace";
  const where = change.workspaceName ? `in the ${change.workspaceName} ${word} on ${PROVIDER_LABELS[change.provider]}` : `on ${PROVIDER_LABELS[change.provider]}`;
  return `Make ${who} ${roleLabel(change.roleName)} ${where}`;
}

/** The kind of request in a few words. */
export const REQUEST_KIND_LABELS = {
  invite: "Invite",
  arthur_user: "New Arthur user",
  admin_role: "Admin-level role",
  service_account: "New service account",
} as const;
