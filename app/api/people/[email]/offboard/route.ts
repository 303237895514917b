import { route } from "@/lib/api/handler";
import { offboard } from "@/lib/changes/offboard";
import { emailParamSchema, offboardSchema } from "@/lib/changes/types";

export const dynamic = "force-dynamic";

export const POST = route(
  { role: "admin", params: emailParamSchema, body: offboardSchema, providers: ({ body }) => body.providers ?? null },
  ({ operator, requestId, params, body }) => offboard({ operator, requestId }, { email: params.email, ...body }),
);
