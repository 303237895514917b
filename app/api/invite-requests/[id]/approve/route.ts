import { NextResponse } from "next/server";
import { answerSecret } from "@/lib/api/answers";
import { route } from "@/lib/api/handler";
import { REQUESTS_SESSION_ONLY } from "@/lib/tokens/constants";
import { approveInviteRequest } from "@/lib/invites/requests";
import { approveSchema, requestParamsSchema } from "@/lib/invites/types";

export const dynamic = "force-dynamic";

/**
 * Approving an invite request answers 202 at once: its invites are sent by a job
 * (GET /api/invite-requests/{id} follows each item). Approving a change request performs
 * it: a new account's secret is in this answer only, once.
 */
export const POST = route(
  { role: "admin", params: requestParamsSchema, body: approveSchema, sessionOnly: REQUESTS_SESSION_ONLY },
  async ({ operator, requestId, params, body }) => {
    const result = await approveInviteRequest({ operator, requestId }, params.id, body.reason);
    if (result.request.kind === "invite") return NextResponse.json(result, { status: 202, headers: { "cache-control": "no-store" } });
    return answerSecret(result);
  },
);
