import { answerChange } from "@/lib/api/answers";
import { route } from "@/lib/api/handler";
import { addToGroupSchema } from "@/lib/changes/group-schemas";
import { changeGroupMembership } from "@/lib/changes/groups";
import { memberParamsSchema } from "@/lib/changes/types";

export const dynamic = "force-dynamic";

export const POST = route(
  { role: "admin", params: memberParamsSchema, body: addToGroupSchema, providers: ({ params }) => [params.provider] },
  async ({ operator, requestId, params, body }) =>
    answerChange(
      await changeGroupMembership({ operator, requestId }, { ...params, groupId: body.groupId, reason: body.reason, change: "add" }),
      (result) => ({ result }),
    ),
);
