import { route } from "@/lib/api/handler";
import { jobsOverview } from "@/lib/jobs/overview";

export const dynamic = "force-dynamic";

/** Recent background work for owners: bulk runs, invite sendings, and the engine's jobs (scheduled syncs, expiries) with their state. */
export const GET = route({ role: "owner" }, async () => jobsOverview());
