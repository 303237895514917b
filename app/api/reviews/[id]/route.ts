import { route } from "@/lib/api/handler";
import { reviewDetail } from "@/lib/reviews/campaigns";
import { reviewParamsSchema } from "@/lib/reviews/types";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", params: reviewParamsSchema }, ({ operator, params }) => reviewDetail(params.id, operator.id));
