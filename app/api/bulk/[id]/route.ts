import { route } from "@/lib/api/handler";
import { bulkRun } from "@/lib/jobs/bulk";
import { bulkParamsSchema } from "@/lib/jobs/bulk-types";

export const dynamic = "force-dynamic";

/** A bulk run's progress: each item's state, with the reason of a failed one. */
export const GET = route({ role: "admin", params: bulkParamsSchema }, async ({ params }) => ({ run: await bulkRun(params.id) }));
