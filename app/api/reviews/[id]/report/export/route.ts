import { route } from "@/lib/api/handler";
import { reviewCsvResponse } from "@/lib/reviews/export";
import { reviewParamsSchema } from "@/lib/reviews/types";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", params: reviewParamsSchema }, ({ operator, params }) => reviewCsvResponse(params.id, operator));
