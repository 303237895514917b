import { route } from "@/lib/api/handler";
import { remediateReview } from "@/lib/reviews/remediate";
import { reviewParamsSchema } from "@/lib/reviews/types";

export const dynamic = "force-dynamic";

export const POST = route({ role: "owner", params: reviewParamsSchema }, ({ operator, requestId, params }) =>
  remediateReview({ operator, requestId }, params.id, { retry: true }),
);
