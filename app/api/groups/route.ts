import { route } from "@/lib/api/handler";
import { groupsQuerySchema } from "@/lib/changes/group-schemas";
import { listGroups } from "@/lib/changes/groups";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", query: groupsQuerySchema, providers: ({ query }) => [query.provider] }, ({ query }) =>
  listGroups(query.provider),
);
