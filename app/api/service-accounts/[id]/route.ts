import { route } from "@/lib/api/handler";
import { renameServiceAccount } from "@/lib/service-accounts/service";
import { accountIdParamsSchema, serviceAccountNameSchema } from "@/lib/service-accounts/types";

export const dynamic = "force-dynamic";

export const PATCH = route(
  { role: "admin", params: accountIdParamsSchema, body: serviceAccountNameSchema, providers: () => ["arthur"] },
  ({ operator, requestId, params, body }) => renameServiceAccount({ operator, requestId }, params.id, body.name),
);
