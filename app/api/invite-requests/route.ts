import { route } from "@/lib/api/handler";
import { REQUESTS_SESSION_ONLY } from "@/lib/tokens/constants";
import { createInviteRequest, listInviteRequests } from "@/lib/invites/requests";
import { createInviteRequestSchema, listRequestsQuerySchema } from "@/lib/invites/types";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", query: listRequestsQuerySchema }, ({ operator, query }) =>
  listInviteRequests(operator.id, query),
);

export const POST = route(
  { role: "requester", body: createInviteRequestSchema, sessionOnly: REQUESTS_SESSION_ONLY },
  ({ operator, requestId, body }) => createInviteRequest({ operator, requestId }, body),
);
