import { answerChange } from "@/lib/api/answers";
import { route } from "@/lib/api/handler";
import { createServiceAccount, listServiceAccounts } from "@/lib/service-accounts/service";
import { createServiceAccountSchema } from "@/lib/service-accounts/types";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin", providers: () => ["arthur"] }, () => listServiceAccounts());

/** Answers the client secret once; Roster keeps no copy. */
export const POST = route(
  { role: "admin", body: createServiceAccountSchema, secretAnswer: true, providers: () => ["arthur"] },
  async ({ operator, requestId, body }) =>
    answerChange(await createServiceAccount({ operator, requestId }, body.name, body.role, body.reason)),
);
