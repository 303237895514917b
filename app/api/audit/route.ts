import { route } from "@/lib/api/handler";
import { listAudit } from "@/lib/audit/log";
import { auditQuerySchema } from "@/lib/audit/types";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", query: auditQuerySchema }, ({ query }) => listAudit(query));
