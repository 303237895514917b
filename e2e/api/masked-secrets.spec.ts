import fs from "node:fs";
import { PROVIDER_IDS, type ProviderId } from "../../lib/providers/types";
import { CANARIES, E2E } from "../env";
import { expect, freshWorld, sandbox, test } from "../fixtures";

/**
 * A provider whose error message repeats the key Roster sent (the sandbox fault `echoKey`)
 * never gets that key in front of a viewer or into the log: Roster masks its own configured
 * secret values in provider text before it is answered, audited or logged.
 */

const PROVIDERS: readonly ProviderId[] = PROVIDER_IDS;
const KEY = CANARIES.sandboxToken;

function logSize(): number {
  return fs.existsSync(E2E.logFile) ? fs.statSync(E2E.logFile).size : 0;
}

test.describe("Roster's own keys are masked in provider text", () => {
  test.afterAll(freshWorld);

  for (const provider of PROVIDERS) {
    test(`${provider}: a 401 that echoes the key shows it masked in sync, connections, users and invites answers and the log`, async ({
      as,
    }) => {
      const viewer = await as("viewer");
      const logFrom = logSize();
      await sandbox.fault(provider, { route: "*", status: 401, message: "Unauthorized", echoKey: true });
      try {
        const answers: string[] = [];
        const sync = await viewer.post("/api/sync", { data: { provider } });
        answers.push(await sync.text());
        for (const path of ["/api/connections", "/api/users?pageSize=5", "/api/invites"]) {
          const res = await viewer.get(path);
          expect(res.status(), path).toBeLessThan(500);
          answers.push(await res.text());
        }
        const all = answers.join("\n");
        // The provider's words do arrive (so the test sees the echo), with the key masked.
        expect(all).toContain("incorrect API key provided: [redacted]");
        expect(all).not.toContain(KEY);
      } finally {
        await sandbox.clearFaults(provider);
      }
      // Give the log a moment to be written, then read what this test added.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const logged = fs.readFileSync(E2E.logFile).subarray(logFrom).toString("utf8");
      expect(logged).toContain("incorrect API key provided");
      expect(logged).not.toContain(KEY);
    });
  }
});
