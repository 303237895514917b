import { route } from "@/lib/api/handler";
import { retryInviteRequest } from "@/lib/invites/requests";
import { requestParamsSchema } from "@/lib/invites/types";

export const dynamic = "force-dynamic";

export const POST = route({ role: "admin", params: requestParamsSchema }, ({ operator, requestId, params }) =>
  retryInviteRequest({ operator, requestId }, params.id),
);
