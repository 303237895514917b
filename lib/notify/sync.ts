import type { ProviderState } from "../directory/types";
import { linkTo } from "./config";
import { notify } from "./index";

/**
 * A scheduled directory sync that failed tells the admins once, not every interval while the
 * provider stays down: again only after a sync of that provider worked (per server process).
 */
const failing = new Set<string>();

export async function notifySyncResult(state: ProviderState | undefined): Promise<void> {
  if (!state) return;
  if (state.ok) {
    failing.delete(state.id);
    return;
  }
  if (failing.has(state.id)) return;
  failing.add(state.id);
  await notify({
    kind: "job_failed",
    job: "Scheduled sync",
    what: `the scheduled read of ${state.label}'s members failed (Connections shows why)`,
    link: linkTo("/connections"),
  });
}
