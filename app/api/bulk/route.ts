import { NextResponse } from "next/server";
import { route } from "@/lib/api/handler";
import { startBulk } from "@/lib/jobs/bulk";
import { bulkBodySchema, providersOf } from "@/lib/jobs/bulk-types";

export const dynamic = "force-dynamic";

/**
 * Starts a bulk change on the server: answered 202 at once with the run (GET /api/bulk/{id}
 * follows it), or, over the mass-change threshold, 202 with the change request a second
 * admin approves.
 */
export const POST = route(
  { role: "admin", body: bulkBodySchema, providers: ({ body }) => providersOf(body.items) },
  async ({ operator, requestId, body }) =>
    NextResponse.json(await startBulk({ operator, requestId }, body.items), { status: 202, headers: { "cache-control": "no-store" } }),
);
