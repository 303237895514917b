import { route } from "@/lib/api/handler";
import { pendingInvites } from "@/lib/invites/pending-invites";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer" }, () => pendingInvites());
