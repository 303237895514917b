import { route } from "@/lib/api/handler";
import { listUsers } from "@/lib/directory/service";
import { usersQuerySchema } from "@/lib/directory/types";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", query: usersQuerySchema }, ({ query }) => listUsers(query));
