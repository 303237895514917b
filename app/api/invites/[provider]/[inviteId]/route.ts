import { route } from "@/lib/api/handler";
import { revokeInvite } from "@/lib/changes/invites";
import { inviteParamsSchema } from "@/lib/changes/types";

export const dynamic = "force-dynamic";

export const DELETE = route({ role: "admin", params: inviteParamsSchema, providers: ({ params }) => [params.provider] }, async ({ operator, requestId, params }) => ({
  result: await revokeInvite({ operator, requestId }, params),
}));
