import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { startBulk } from "@/lib/jobs/bulk";
import { bulkBodySchema, providersOf } from "@/lib/jobs/bulk-types";

export const dynamic = "force-dynamic";

/** Starts a bulk change on the server: answered 202 at once with the run; GET /api/bulk/{id} follows it. */
export const POST = route(
  { role: "admin", body: bulkBodySchema, providers: ({ body }) => providersOf(body.items) },
  async ({ operator, requestId, body }) =>
    NextResponse.json({ run: await startBulk({ operator, requestId }, body.items) }, { status: 202, headers: { "cache-control": "no-store" } }),
);
