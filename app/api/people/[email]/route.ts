import { route } from "@/lib/api/handler";
import { personDetail } from "@/lib/changes/person";
import { emailParamSchema } from "@/lib/changes/types";

export const dynamic = "force-dynamic";

export const GET = route({ role: "viewer", params: emailParamSchema }, ({ operator, params }) =>
  personDetail(params.email, operator.email),
);
