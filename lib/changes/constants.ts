/** Error codes the change routes answer with (in the usual `{ error: { code, message } }`). */
export const CHANGE_ERROR_CODES = {
  lastOwner: "last_owner",
  confirmSelf: "confirm_self",
  unknownRole: "unknown_role",
  notFound: "not_found",
  unsupported: "unsupported",
  provider: "provider_error",
} as const;
