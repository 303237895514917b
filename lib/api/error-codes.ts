/**
 * Every error code Roster's API answers with, and the HTTP status it answers it with: the
 * one closed list the server throws from (`new ApiError(code, …)` takes only these) and the
 * browser compares against (`failedWith(error, code)`). A code not here does not compile.
 * No imports: the browser bundle reads it too.
 */
export const ERROR_STATUS = {
  // 400: a body that is not even a form or a JSON object (the sign-in endpoint).
  malformed_body: 400,
  // 401: who is calling is unknown.
  unauthorized: 401,
  invalid_token: 401,
  token_expired: 401,
  token_revoked: 401,
  // 403: known, but not allowed.
  forbidden: 403,
  password_change_required: 403,
  cross_origin: 403,
  direct_invites_off: 403,
  not_reviewer: 403,
  self_approval: 403,
  not_requester: 403,
  session_required: 403,
  token_provider_forbidden: 403,
  mass_change_threshold: 403,
  // 404, 405
  not_found: 404,
  method_not_allowed: 405,
  // 409: a rule or the current state refuses the change.
  last_owner: 409,
  confirm_self: 409,
  already_exists: 409,
  already_member: 409,
  not_member: 409,
  already_revoked: 409,
  not_pending: 409,
  expired: 409,
  review_closed: 409,
  review_open: 409,
  nothing_to_retry: 409,
  role_above_creator: 409,
  idempotency_key_in_progress: 409,
  idempotency_secret_not_kept: 409,
  // 413, 415
  payload_too_large: 413,
  unsupported_media_type: 415,
  // 422: the input names something Roster or the provider cannot do.
  invalid_input: 422,
  unsupported: 422,
  unknown_role: 422,
  unknown_project: 422,
  not_service_account: 422,
  not_a_person: 422,
  no_password: 422,
  needs_second_admin: 422,
  idempotency_key_reused: 422,
  // 429: too many.
  rate_limited: 429,
  too_many_attempts: 429,
  // 5xx: Roster or a provider failed.
  internal: 500,
  provider_error: 502, // 404 when the provider itself answered 404 (lib/api/errors.ts errorBody)
  provider_unavailable: 503,
  shutting_down: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The HTTP status a code is answered with. */
export function statusOfCode(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

/** Whether a string (a code the server sent) is one of Roster's codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERROR_STATUS, value);
}
