import { route } from "@/lib/api/handler";
import { auditCsv } from "@/lib/audit/csv";
import { auditQuerySchema } from "@/lib/audit/types";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", query: auditQuerySchema.omit({ page: true, pageSize: true }) }, async ({ query }) => {
  const csv = await auditCsv(query);
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="roster-audit-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
