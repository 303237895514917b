import { answerChange } from "@/lib/api/answers";
import { route } from "@/lib/api/handler";
import { dryRunQuerySchema, planRevoke } from "@/lib/changes/dry-run";
import { revokeInvite } from "@/lib/changes/invites";
import { inviteParamsSchema } from "@/lib/changes/types";

export const dynamic = "force-dynamic";

export const DELETE = route(
  { role: "admin", params: inviteParamsSchema, query: dryRunQuerySchema, providers: ({ params }) => [params.provider] },
  async ({ operator, requestId, params, query }) =>
    query.dryRun
      ? planRevoke({ operator, requestId }, params)
      : answerChange(await revokeInvite({ operator, requestId }, params), (result) => ({ result })),
);
