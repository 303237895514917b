import { answerChange } from "@/lib/api/answers";
import { route } from "@/lib/api/handler";
import { createArthurUser } from "@/lib/service-accounts/service";
import { createArthurUserSchema } from "@/lib/service-accounts/types";

export const dynamic = "force-dynamic";

/** A user created directly with a one-time password, instead of an invite (202 with a request when a second admin must approve). */
export const POST = route(
  { role: "admin", body: createArthurUserSchema, secretAnswer: true, providers: () => ["arthur"] },
  async ({ operator, requestId, body }) => answerChange(await createArthurUser({ operator, requestId }, body)),
);
