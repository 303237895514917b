import { NextResponse } from "next/server";
import { readiness } from "@/lib/ops/readiness";

export const dynamic = "force-dynamic";

/** Readiness: the database is reachable and migrated (503 otherwise), with each provider's sync age. */
export async function GET() {
  const body = await readiness();
  return NextResponse.json(body, { status: body.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
