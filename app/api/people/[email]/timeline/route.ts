import { route } from "@/lib/api/handler";
import { emailParamSchema } from "@/lib/changes/types";
import { personTimeline } from "@/lib/governance/timeline";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", params: emailParamSchema }, ({ params }) => personTimeline(params.email));
