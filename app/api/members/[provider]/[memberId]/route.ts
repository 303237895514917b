import { answerChange } from "@/lib/api/answers";
import { route } from "@/lib/api/handler";
import { changeRole, removeMember } from "@/lib/changes/members";
import { changeRoleSchema, memberParamsSchema, removeMemberQuerySchema } from "@/lib/changes/types";

export const dynamic = "force-dynamic";

export const PATCH = route(
  { role: "admin", params: memberParamsSchema, body: changeRoleSchema, providers: ({ params }) => [params.provider] },
  async ({ operator, requestId, params, body }) =>
    answerChange(await changeRole({ operator, requestId }, { ...params, ...body }), (result) => ({ result })),
);

export const DELETE = route(
  { role: "admin", params: memberParamsSchema, query: removeMemberQuerySchema, providers: ({ params }) => [params.provider] },
  async ({ operator, requestId, params, query }) => ({
    result: await removeMember({ operator, requestId }, { ...params, ...query }),
  }),
);
