import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { providerModule } from "../providers/modules";
import { PROVIDER_IDS, type ProviderAdapter, type ProviderId } from "../providers/types";
import { type StartedSandboxes, startSandboxes } from "./start";

/**
 * Sandboxes started with a state directory (as Roster starts its own) keep what changes
 * did across a restart, through each provider's real adapter over HTTP; without one, or
 * after a reset, they are back at their seed.
 */

const BASE_PORT = Number(process.env.ROSTER_SANDBOX_PERSIST_TEST_PORT ?? 6760);
const USERS = 60;
let started: StartedSandboxes | undefined;
afterEach(async () => {
  await started?.close();
  started = undefined;
});

async function start(stateDir?: string, users = USERS): Promise<Record<ProviderId, ProviderAdapter>> {
  started = await startSandboxes({ providers: [...PROVIDER_IDS], basePort: BASE_PORT, tokens: ["sandbox"], users, stateDir });
  const adapters = {} as Record<ProviderId, ProviderAdapter>;
  for (const sandbox of started.running) {
    const provider = providerModule(sandbox.provider);
    adapters[sandbox.provider] = provider.createAdapter(
      provider.sandbox.connection(`http://127.0.0.1:${sandbox.port}`, "sandbox", process.env),
    );
  }
  return adapters;
}

async function stop() {
  await started!.close();
  started = undefined;
}

/** Someone to remove: not an owner, not the token's own user. */
async function removable(adapter: ProviderAdapter) {
  const [members, roles, me] = await Promise.all([adapter.listMembers(), adapter.listRoles(), adapter.whoami()]);
  const owner = new Set(roles.filter((r) => r.isOwner).map((r) => r.id));
  return members.find((m) => m.status === "active" && m.kind === "person" && !owner.has(m.roleId) && m.id !== me.id)!;
}

const ids = async (adapter: ProviderAdapter) => (await adapter.listMembers()).map((m) => m.id);

describe("sandbox state across restarts", () => {
  it("a removed member stays removed and an invite stays sent, on every provider", async () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-sandbox-state-"));
    let adapters = await start(stateDir);
    const removed: Record<string, string> = {};
    for (const id of PROVIDER_IDS) {
      const member = await removable(adapters[id]);
      await adapters[id].removeMember({ memberId: member.id });
      removed[id] = member.id;
      const role = (await adapters[id].listRoles()).find((r) => r.scope === "organization" && !r.isOwner)!;
      await adapters[id].invite({ email: `kept-${id}@example.com`, role: role.id });
    }
    await stop();
    expect(fs.readdirSync(stateDir).sort()).toEqual(["arthur.json", "astronomer.json", "openai.json"]);

    adapters = await start(stateDir);
    for (const id of PROVIDER_IDS) {
      expect(await ids(adapters[id]), `${id}: still removed after the restart`).not.toContain(removed[id]);
      const invited = [...(await adapters[id].listMembers()), ...(await adapters[id].listInvites())].map((m) => m.email);
      expect(invited, `${id}: the invite is still there`).toContain(`kept-${id}@example.com`);
    }
  });

  it("starts from the seed without a state directory, after a reset, and when the seed size changed", async () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-sandbox-state-"));
    let adapters = await start(stateDir);
    const seeded = await ids(adapters.openai);
    const member = await removable(adapters.openai);
    await adapters.openai.removeMember({ memberId: member.id });
    await stop();

    adapters = await start();
    expect(await ids(adapters.openai), "no state directory: the seed").toEqual(seeded);
    await stop();

    adapters = await start(stateDir, USERS + 1);
    expect(await ids(adapters.openai), "another seed size: the seed").toContain(member.id);
    await stop();
    expect(
      fs.readdirSync(stateDir).some((f) => f.startsWith("openai.json.unreadable-")),
      "the old file is set aside",
    ).toBe(true);

    adapters = await start(stateDir);
    // A read first: the sandbox restarted on the same port, and a removal is never retried on a
    // kept-alive socket the old server closed (OpenAI's reads now open several: projects in parallel).
    await ids(adapters.openai);
    await adapters.openai.removeMember({ memberId: member.id });
    const reset = await fetch(`http://127.0.0.1:${BASE_PORT}/__sandbox/reset`, { method: "POST" });
    expect(reset.status).toBe(200);
    await stop();
    adapters = await start(stateDir);
    expect(await ids(adapters.openai), "a reset is kept too").toEqual(seeded);
  });
});
