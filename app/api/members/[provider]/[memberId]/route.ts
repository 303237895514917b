import { answerChange } from "@/lib/api/answers";
import { route } from "@/lib/api/handler";
import { dryRunQuerySchema, planRemoval, planRoleChange } from "@/lib/changes/dry-run";
import { changeRole, removeMember } from "@/lib/changes/members";
import { changeRoleSchema, memberParamsSchema, removeMemberQuerySchema } from "@/lib/changes/types";

export const dynamic = "force-dynamic";

export const PATCH = route(
  {
    role: "admin",
    params: memberParamsSchema,
    query: dryRunQuerySchema,
    body: changeRoleSchema,
    providers: ({ params }) => [params.provider],
  },
  async ({ operator, requestId, params, query, body }) =>
    query.dryRun
      ? planRoleChange({ operator, requestId }, { ...params, ...body })
      : answerChange(await changeRole({ operator, requestId }, { ...params, ...body }), (result) => ({ result })),
);

export const DELETE = route(
  { role: "admin", params: memberParamsSchema, query: removeMemberQuerySchema, providers: ({ params }) => [params.provider] },
  async ({ operator, requestId, params, query: { dryRun, ...query } }) =>
    dryRun
      ? planRemoval({ operator, requestId }, { ...params, ...query })
      : answerChange(await removeMember({ operator, requestId }, { ...params, ...query }), (result) => ({ result })),
);
