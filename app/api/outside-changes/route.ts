import { route } from "@/lib/api/handler";
import { listOutsideChanges } from "@/lib/governance/outside-store";
import { outsideChangesQuerySchema } from "@/lib/governance/outside-types";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", query: outsideChangesQuerySchema }, ({ query }) => listOutsideChanges(query));
