import { route } from "@/lib/api/handler";
import { peopleCsvResponse } from "@/lib/directory/export";
import { usersQuerySchema } from "@/lib/directory/types";

export const dynamic = "force-dynamic";

/** The people list as CSV (streamed; see lib/directory/export.ts); page and pageSize are accepted and ignored. */
export const GET = route({ role: "viewer", query: usersQuerySchema }, ({ query }) => peopleCsvResponse(query));
