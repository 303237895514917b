import { route } from "@/lib/api/handler";
import { updateArthurUser } from "@/lib/service-accounts/service";
import { accountIdParamsSchema, updateArthurUserSchema } from "@/lib/service-accounts/types";

export const dynamic = "force-dynamic";

export const PATCH = route(
  { role: "admin", params: accountIdParamsSchema, body: updateArthurUserSchema, providers: () => ["arthur"] },
  ({ operator, requestId, params, body }) => updateArthurUser({ operator, requestId }, params.id, body),
);
