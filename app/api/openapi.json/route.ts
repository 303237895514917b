import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/openapi/document";

export const dynamic = "force-dynamic";

/** Roster's API as OpenAPI 3.1, generated from the routes' zod schemas. Public: it describes, it holds nothing. */
export function GET() {
  return NextResponse.json(openApiDocument(), { headers: { "cache-control": "no-store" } });
}
