/** Why some routes take a signed-in person and refuse API tokens (the 403's message). */
export const TOKENS_SESSION_ONLY = "API tokens are made, listed and revoked by a signed-in owner";
export const OPERATORS_SESSION_ONLY = "Roster's operators are managed by a signed-in owner";
export const PASSWORD_SESSION_ONLY = "an API token has no password";
export const REQUESTS_SESSION_ONLY = "invite requests are made and decided by people (a requester and another admin)";
