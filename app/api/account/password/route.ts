import { route } from "@/lib/api/handler";
import { PASSWORD_SESSION_ONLY } from "@/lib/tokens/constants";
import { changeOwnPassword } from "@/lib/operators/service";
import { changePasswordSchema } from "@/lib/operators/types";

export const dynamic = "force-dynamic";

/** The signed-in operator's own password; ends their sessions (sign in again with the new one). */
export const POST = route(
  { role: "viewer", body: changePasswordSchema, beforePasswordChange: true, sessionOnly: PASSWORD_SESSION_ONLY },
  ({ operator, requestId, body }) => changeOwnPassword({ operator, requestId }, body),
);
