import { route } from "@/lib/api/handler";
import { createArthurUser } from "@/lib/service-accounts/service";
import { createArthurUserSchema } from "@/lib/service-accounts/types";

export const dynamic = "force-dynamic";

/** A user created directly with a one-time password, instead of an invite. */
export const POST = route({ role: "admin", body: createArthurUserSchema, providers: () => ["arthur"] }, ({ operator, requestId, body }) =>
  createArthurUser({ operator, requestId }, body),
);
