import { route } from "@/lib/api/handler";
import { listItems } from "@/lib/reviews/items";
import { itemsQuerySchema, reviewParamsSchema } from "@/lib/reviews/types";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", params: reviewParamsSchema, query: itemsQuerySchema }, ({ operator, params, query }) =>
  listItems(params.id, operator, query),
);
