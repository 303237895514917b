/**
 * API tokens' constants, without zod: the Settings page imports some, and zod in a browser
 * bundle probes `new Function`, which the CSP refuses (a violation on every page load).
 */

/** Why some routes take a signed-in person and refuse API tokens (the 403's message). */
export const TOKENS_SESSION_ONLY = "API tokens are made, listed and revoked by a signed-in owner";
export const OPERATORS_SESSION_ONLY = "Roster's operators are managed by a signed-in owner";
export const PASSWORD_SESSION_ONLY = "an API token has no password";
export const NOTIFICATIONS_SESSION_ONLY = "notification choices are each signed-in operator's own";
export const REQUESTS_SESSION_ONLY = "invite requests are made and decided by people (a requester and another admin)";

/** Every secret starts with this, so secret scanners (and Roster's log redaction) can spot one. */
export const TOKEN_PREFIX = "roster_pat_";
/** How the audit log names a token as the actor: `token:<name>`. */
export const TOKEN_ACTOR_PREFIX = "token:";
export const TOKEN_MAX_DAYS = 366;
export const TOKEN_NAME_MAX = 64;
