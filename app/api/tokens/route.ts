import { route } from "@/lib/api/handler";
import { createToken, listTokens } from "@/lib/tokens/service";
import { createTokenSchema } from "@/lib/tokens/types";
import { TOKENS_SESSION_ONLY } from "@/lib/tokens/constants";

export const dynamic = "force-dynamic";

export const GET = route({ role: "owner", sessionOnly: TOKENS_SESSION_ONLY }, async () => ({ tokens: await listTokens() }));

/** Answers the secret once; Roster keeps only its hash. */
export const POST = route(
  { role: "owner", body: createTokenSchema, secretAnswer: true, sessionOnly: TOKENS_SESSION_ONLY },
  ({ operator, requestId, body }) => createToken({ operator, requestId }, body),
);
