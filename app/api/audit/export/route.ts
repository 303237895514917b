import { route } from "@/lib/api/handler";
import { auditCsvResponse } from "@/lib/audit/csv";
import { auditQuerySchema } from "@/lib/audit/types";

export const dynamic = "force-dynamic";

/** Streamed; see lib/audit/csv.ts. */
export const GET = route({ role: "viewer", query: auditQuerySchema.omit({ page: true, pageSize: true }) }, ({ query }) => auditCsvResponse(query));
