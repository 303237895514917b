import { z } from "zod";
import { route } from "@/lib/api/handler";
import { rateKey } from "@/lib/api/rate-limit";
import { refresh } from "@/lib/directory/service";
import { PROVIDER_IDS } from "@/lib/providers/types";

export const dynamic = "force-dynamic";

const body = z
  .object({
    provider: z.enum(PROVIDER_IDS, { error: () => `provider must be one of ${PROVIDER_IDS.join(", ")}` }).optional(),
  })
  .strict();

/** One session repeating itself within the sync interval reads nothing again (lib/directory/snapshot.ts). */
export const POST = route({ role: "viewer", body }, ({ body, request }) =>
  refresh(body.provider ? [body.provider] : undefined, rateKey(request)),
);
