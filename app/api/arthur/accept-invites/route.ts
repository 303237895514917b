import { route } from "@/lib/api/handler";
import { acceptArthurInvites } from "@/lib/service-accounts/service";

export const dynamic = "force-dynamic";

/** Accepts the pending invitations of Roster's own Arthur identity. */
export const POST = route({ role: "owner", providers: () => ["arthur"] }, ({ operator, requestId }) =>
  acceptArthurInvites({ operator, requestId }),
);
