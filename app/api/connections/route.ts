import { route } from "@/lib/api/handler";
import { listConnections } from "@/lib/directory/connections";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer" }, async () => ({ connections: await listConnections() }));
