import { route } from "@/lib/api/handler";
import { createReview, listReviews } from "@/lib/reviews/campaigns";
import { createReviewSchema } from "@/lib/reviews/types";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer" }, () => listReviews());

export const POST = route({ role: "owner", body: createReviewSchema }, ({ operator, requestId, body }) =>
  createReview({ operator, requestId }, body),
);
