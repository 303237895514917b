/**
 * `npm run sandbox`: every provider's sandbox alone, for trying an adapter or a
 * client by hand. Ports: ROSTER_SANDBOX_PORT (default 4010) and the next ones, one per provider.
 */
import { sandboxBasePort, sandboxTokens } from "../lib/config";
import { PROVIDER_IDS } from "../lib/providers/types";
import { sandboxUserCount } from "../lib/sandbox/seed";
import { startSandboxes } from "../lib/sandbox/start";

async function main() {
  const started = await startSandboxes({
    providers: [...PROVIDER_IDS],
    basePort: sandboxBasePort(),
    tokens: sandboxTokens(),
    users: sandboxUserCount(),
    latencyMs: process.env.ROSTER_SANDBOX_LATENCY_MS ? Number(process.env.ROSTER_SANDBOX_LATENCY_MS) : undefined,
    variance: process.env.ROSTER_SANDBOX_VARIANCE,
  });
  for (const s of started.running) console.log(`${s.provider.padEnd(11)} ${s.baseUrl}`);
  console.log(`Bearer token: ${sandboxTokens()[0]}    Faults: POST <port>/__sandbox/faults    Ctrl+C stops.`);
  const stop = () => started.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
