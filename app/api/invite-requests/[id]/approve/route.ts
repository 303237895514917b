import { route } from "@/lib/api/handler";
import { REQUESTS_SESSION_ONLY } from "@/lib/tokens/constants";
import { approveInviteRequest } from "@/lib/invites/requests";
import { approveSchema, requestParamsSchema } from "@/lib/invites/types";

export const dynamic = "force-dynamic";

export const POST = route({ role: "admin", params: requestParamsSchema, body: approveSchema, sessionOnly: REQUESTS_SESSION_ONLY }, ({ operator, requestId, params, body }) =>
  approveInviteRequest({ operator, requestId }, params.id, body.reason),
);
