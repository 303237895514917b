/** The audit log's actions, outcomes and query limits, for the server's schema and the page alike. */
export const AUDIT_OUTCOMES = ["success", "failure", "refused", "pending"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const AUDIT_ACTIONS = [
  "change_role",
  "remove_member",
  "revoke_invite",
  "offboard",
  "request_invite",
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
] as const;

export const AUDIT_QUERY_LIMITS = { actor: 320, pageSize: 500, defaultPageSize: 50 } as const;
