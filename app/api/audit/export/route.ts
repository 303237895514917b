import { route } from "@/lib/api/handler";
import { auditCsvResponse } from "@/lib/audit/csv";
import { auditExportQuerySchema } from "@/lib/audit/types";

export const dynamic = "force-dynamic";

/** Streamed; see lib/audit/csv.ts. */
export const GET = route({ role: "viewer", query: auditExportQuerySchema }, ({ query }) => auditCsvResponse(query));
