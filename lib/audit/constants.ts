/** The audit log's actions, outcomes and query limits, for the server's schema and the page alike. */

/** `skipped`: nothing needed doing (an invite for someone already a member); not a refusal. */
export const AUDIT_OUTCOMES = ["success", "failure", "refused", "skipped", "pending"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const OUTCOME_LABELS: Record<AuditOutcome, string> = {
  success: "Success",
  failure: "Failure",
  refused: "Refused",
  skipped: "Skipped",
  pending: "Pending",
};

/**
 * Every action the audit log records. A new audited change adds its action here, its label
 * below (the compiler refuses a missing one) and its sentence in `describe.ts`.
 */
export const AUDIT_ACTIONS = [
  "change_role",
  "remove_member",
  "add_to_group",
  "remove_from_group",
  "revoke_invite",
  "offboard",
  "mass_change",
  "request_invite",
  "request_change",
  "approve_request",
  "reject_request",
  "cancel_request",
  "expire_request",
  "send_invite",
  "create_service_account",
  "rename_service_account",
  "regenerate_credentials",
  "create_user",
  "update_user",
  "accept_invites",
  "add_operator",
  "update_operator",
  "change_password",
  "create_api_token",
  "revoke_api_token",
  "sign_in",
  "refused_request",
  "create_review",
  "remediate_review",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const ACTION_LABELS: Record<AuditAction, string> = {
  change_role: "Change role",
  remove_member: "Remove member",
  add_to_group: "Add to group",
  remove_from_group: "Remove from group",
  revoke_invite: "Revoke invite",
  offboard: "Remove everywhere",
  mass_change: "Mass change (approved)",
  request_invite: "Request invite",
  request_change: "Request a change (needs a second admin)",
  create_api_token: "Create API token",
  revoke_api_token: "Revoke API token",
  approve_request: "Approve request",
  reject_request: "Reject request",
  cancel_request: "Cancel request",
  expire_request: "Request expired",
  send_invite: "Send invite",
  create_service_account: "Create service account",
  rename_service_account: "Rename service account",
  regenerate_credentials: "Regenerate credentials",
  create_user: "Create Arthur user",
  update_user: "Update Arthur user",
  accept_invites: "Accept Arthur invitations",
  add_operator: "Add operator",
  update_operator: "Update operator",
  change_password: "Change password",
  sign_in: "Sign in",
  refused_request: "Refused request",
  create_review: "Create access review",
  remediate_review: "Carry out access review decisions",
};

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** "Change role" for `change_role`; an action this build does not know (a newer server's) reads as words. */
export function auditActionLabel(action: string): string {
  if (isAuditAction(action)) return ACTION_LABELS[action];
  const words = action.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const AUDIT_QUERY_LIMITS = { actor: 320, pageSize: 500, defaultPageSize: 50 } as const;
