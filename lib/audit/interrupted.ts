import { sendLeaseMs } from "../invites/policy";
import { log } from "../log";
import { closeInterruptedAttempts } from "./log";

/**
 * A server that crashes between a change's attempt row and its result leaves the attempt
 * pending. Every running server closes such attempts once they are older than any change
 * could take (as long as an invite send's lease: the provider timeout for the reads and
 * the call, with room to spare), at start and then every minute.
 */

/** The same bound as an invite send's lease: no change takes longer than that. */
export function interruptedAfterMs(env: NodeJS.ProcessEnv = process.env): number {
  return sendLeaseMs(env);
}

export async function sweepInterrupted(now = new Date()): Promise<number> {
  const closed = await closeInterruptedAttempts(new Date(now.getTime() - interruptedAfterMs()));
  if (closed > 0) log.warn({ closed }, `closed ${closed} change(s) left unfinished by a server that stopped`);
  return closed;
}

export function startInterruptedSweep(): void {
  const sweep = () => void sweepInterrupted().catch((error) => log.error({ err: error }, "closing interrupted changes failed"));
  sweep();
  setInterval(sweep, Math.min(60_000, interruptedAfterMs() / 2)).unref();
}
