import { route } from "@/lib/api/handler";
import { OPERATORS_SESSION_ONLY } from "@/lib/tokens/constants";
import { addOperator, listOperators } from "@/lib/operators/service";
import { addOperatorSchema } from "@/lib/operators/types";

export const dynamic = "force-dynamic";

/** Admins may see who has access; only owners change it. */
export const GET = route({ role: "admin" }, async () => ({ operators: await listOperators() }));

export const POST = route(
  { role: "owner", body: addOperatorSchema, sessionOnly: OPERATORS_SESSION_ONLY },
  ({ operator, requestId, body }) => addOperator({ operator, requestId }, body),
);
