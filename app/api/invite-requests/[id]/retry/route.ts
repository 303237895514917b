import { route } from "@/lib/api/handler";
import { REQUESTS_SESSION_ONLY } from "@/lib/tokens/constants";
import { retryInviteRequest } from "@/lib/invites/requests";
import { requestParamsSchema } from "@/lib/invites/types";

export const dynamic = "force-dynamic";

export const POST = route(
  { role: "admin", params: requestParamsSchema, sessionOnly: REQUESTS_SESSION_ONLY },
  ({ operator, requestId, params }) => retryInviteRequest({ operator, requestId }, params.id),
);
