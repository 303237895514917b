import { route } from "@/lib/api/handler";
import { getInviteRequest } from "@/lib/invites/requests";
import { requestParamsSchema } from "@/lib/invites/types";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", params: requestParamsSchema }, ({ params }) => getInviteRequest(params.id));
