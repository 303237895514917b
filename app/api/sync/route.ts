import { z } from "zod";
import { route } from "@/lib/api/handler";
import { refresh } from "@/lib/directory/service";
import { PROVIDER_IDS } from "@/lib/providers/types";

export const dynamic = "force-dynamic";

const body = z
  .object({
    provider: z.enum(PROVIDER_IDS, { error: () => `provider must be one of ${PROVIDER_IDS.join(", ")}` }).optional(),
  })
  .strict();

export const POST = route({ role: "viewer", body }, ({ body }) => refresh(body.provider ? [body.provider] : undefined));
