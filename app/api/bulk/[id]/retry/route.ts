import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { retryFailed } from "@/lib/jobs/bulk";
import { bulkParamsSchema } from "@/lib/jobs/bulk-types";

export const dynamic = "force-dynamic";

/** Retries the failed items of a bulk run only; answered 202 with the run. */
export const POST = route({ role: "admin", params: bulkParamsSchema }, async ({ params }) =>
  NextResponse.json(await retryFailed(params.id), { status: 202, headers: { "cache-control": "no-store" } }),
);
