import { answerChange } from "@/lib/api/answers";
import { route } from "@/lib/api/handler";
import { dryRunQuerySchema, planOffboard } from "@/lib/changes/dry-run";
import { offboard } from "@/lib/changes/offboard";
import { emailParamSchema, offboardSchema } from "@/lib/changes/types";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    role: "admin",
    params: emailParamSchema,
    query: dryRunQuerySchema,
    body: offboardSchema,
    providers: ({ body }) => body.providers ?? null,
  },
  async ({ operator, requestId, params, query, body }) =>
    query.dryRun
      ? planOffboard({ operator, requestId }, { email: params.email, ...body })
      : answerChange(await offboard({ operator, requestId }, { email: params.email, ...body })),
);
