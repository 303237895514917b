import { route } from "@/lib/api/handler";
import { OPERATORS_SESSION_ONLY } from "@/lib/tokens/constants";
import { updateOperator } from "@/lib/operators/service";
import { operatorIdParamsSchema, updateOperatorSchema } from "@/lib/operators/types";

export const dynamic = "force-dynamic";

export const PATCH = route(
  { role: "owner", params: operatorIdParamsSchema, body: updateOperatorSchema, sessionOnly: OPERATORS_SESSION_ONLY },
  ({ operator, requestId, params, body }) => updateOperator({ operator, requestId }, params.id, body),
);
