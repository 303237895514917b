import { route } from "@/lib/api/handler";
import { memberGroupParamsSchema } from "@/lib/changes/group-schemas";
import { changeGroupMembership } from "@/lib/changes/groups";

export const dynamic = "force-dynamic";

export const DELETE = route(
  { role: "admin", params: memberGroupParamsSchema, providers: ({ params }) => [params.provider] },
  async ({ operator, requestId, params }) => ({
    result: await changeGroupMembership({ operator, requestId }, { ...params, change: "remove" }),
  }),
);
