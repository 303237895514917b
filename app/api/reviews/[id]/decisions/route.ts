import { route } from "@/lib/api/handler";
import { decide } from "@/lib/reviews/items";
import { decideSchema, reviewParamsSchema } from "@/lib/reviews/types";

export const dynamic = "force-dynamic";

/** Any operator may call it; only an item's reviewer (or an owner) may decide it (lib/reviews/items.ts). */
export const POST = route({ role: "viewer", params: reviewParamsSchema, body: decideSchema }, ({ operator, params, body }) =>
  decide(params.id, operator, body),
);
