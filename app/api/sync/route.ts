import { route } from "@/lib/api/handler";
import { rateKey } from "@/lib/api/rate-limit";
import { refresh } from "@/lib/directory/service";
import { syncBodySchema } from "@/lib/directory/types";

export const dynamic = "force-dynamic";

/** One session repeating itself within the sync interval reads nothing again (lib/directory/snapshot.ts). */
export const POST = route(
  { role: "viewer", body: syncBodySchema, providers: ({ body }) => (body.provider ? [body.provider] : null) },
  ({ body, request }) => refresh(body.provider ? [body.provider] : undefined, rateKey(request)),
);
