import { route } from "@/lib/api/handler";
import { cancelInviteRequest } from "@/lib/invites/requests";
import { requestParamsSchema } from "@/lib/invites/types";

export const dynamic = "force-dynamic";

export const POST = route({ role: "requester", params: requestParamsSchema }, ({ operator, requestId, params }) =>
  cancelInviteRequest({ operator, requestId }, params.id),
);
