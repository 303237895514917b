import { route } from "@/lib/api/handler";
import { REQUESTS_SESSION_ONLY } from "@/lib/tokens/constants";
import { rejectInviteRequest } from "@/lib/invites/requests";
import { rejectSchema, requestParamsSchema } from "@/lib/invites/types";

export const dynamic = "force-dynamic";

export const POST = route(
  { role: "admin", params: requestParamsSchema, body: rejectSchema, sessionOnly: REQUESTS_SESSION_ONLY },
  ({ operator, requestId, params, body }) => rejectInviteRequest({ operator, requestId }, params.id, body.reason),
);
