import { route } from "@/lib/api/handler";
import { regenerateCredentials } from "@/lib/service-accounts/service";
import { accountIdParamsSchema } from "@/lib/service-accounts/types";

export const dynamic = "force-dynamic";

/** New client secret, answered once; the old one stops working. */
export const POST = route(
  { role: "admin", params: accountIdParamsSchema, secretAnswer: true, providers: () => ["arthur"] },
  ({ operator, requestId, params }) => regenerateCredentials({ operator, requestId }, params.id),
);
