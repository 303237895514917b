import { route } from "@/lib/api/handler";
import { allRoles } from "@/lib/changes/roles";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer" }, () => allRoles());
