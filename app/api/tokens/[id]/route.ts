import { route } from "@/lib/api/handler";
import { revokeToken } from "@/lib/tokens/service";
import { tokenIdParamsSchema } from "@/lib/tokens/types";
import { TOKENS_SESSION_ONLY } from "@/lib/tokens/constants";

export const dynamic = "force-dynamic";

/** Revoked at once: its next request is answered 401 token_revoked. */
export const DELETE = route(
  { role: "owner", params: tokenIdParamsSchema, sessionOnly: TOKENS_SESSION_ONLY },
  ({ operator, requestId, params }) => revokeToken({ operator, requestId }, params.id),
);
