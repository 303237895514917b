import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { UsersResponse } from "../../lib/directory/types";
import { expect, test } from "../fixtures";
import { portFrom, RosterClient, tempDataDir } from "./servers";

/**
 * `npm run demo` itself (scripts/demo.mjs on the production build, sandboxes started by
 * Roster): it listens on loopback only, and a restart keeps what the demo did, in Roster's
 * stored snapshot and in the sandboxes alike.
 */

const ROOT = path.resolve(__dirname, "..", "..");
const port = portFrom("ROSTER_DEMO_SYSTEM_PORT", 5500);
const sandboxPort = portFrom("ROSTER_DEMO_SYSTEM_SANDBOX_PORT", 5510);
const url = `http://localhost:${port}`;

interface Demo {
  child: ChildProcess;
  output: string[];
  stop(): Promise<void>;
}

async function startDemo(dataDir: string): Promise<Demo> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    ROSTER_SKIP_BUILD: "1",
    ROSTER_DEMO: "1",
    ROSTER_DATA_DIR: dataDir,
    ROSTER_SANDBOX: "all",
    ROSTER_SANDBOX_PORT: String(sandboxPort),
    ROSTER_SYNC_FRESH_SECONDS: "0",
    NEXTAUTH_SECRET: "demo-system-test-secret-0123456789abcdef",
    NEXTAUTH_URL: url,
  };
  delete env.DATABASE_URL;
  delete env.ROSTER_DEMO_HOST;
  const child = spawn(process.execPath, ["scripts/demo.mjs"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 120_000;
  while (!output.join("").includes("Roster is running")) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the demo did not start:\n${output.join("").slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    child,
    output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, targetPort: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: targetPort, timeout: 2_000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const networkAddresses = () =>
  Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal)
    .map((a) => a!.address);

async function users(client: RosterClient, query: string): Promise<UsersResponse> {
  const res = await client.get<UsersResponse>(`/api/users?pageSize=200&${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

test.describe("npm run demo", () => {
  test("listens on loopback only, and a restart keeps a removal (snapshot and sandbox agree)", async () => {
    const dataDir = tempDataDir("demo");
    let demo = await startDemo(dataDir);
    try {
      expect(await accepts("127.0.0.1", port)).toBe(true);
      for (const address of networkAddresses()) {
        expect(await accepts(address, port), `not reachable on ${address}`).toBe(false);
      }
      const listening = execFileSync("ss", ["-ltnH", `sport = :${port}`], { encoding: "utf8" })
        .trim()
        .split("\n");
      expect(
        listening.map((line) => line.split(/\s+/)[3]),
        "the only listening socket",
      ).toEqual([`127.0.0.1:${port}`]);

      const admin = await new RosterClient(url).signIn("admin@roster.demo");
      expect((await admin.call("POST", "/api/sync", {})).status).toBe(200);
      const readers = await users(admin, "provider=openai&role=reader&status=active&kind=person");
      const person = readers.people.find((p) => p.memberships.length === 1 && p.email)!;
      const membership = person.memberships[0];
      const removal = await admin.call("DELETE", `/api/members/openai/${encodeURIComponent(membership.id)}`);
      expect(removal.status, JSON.stringify(removal.body)).toBe(200);
      await demo.stop();

      demo = await startDemo(dataDir);
      const again = await new RosterClient(url).signIn("admin@roster.demo");
      // A fresh read of every provider, not the stored snapshot.
      expect((await again.call("POST", "/api/sync", {})).status).toBe(200);
      const found = await users(again, `q=${encodeURIComponent(person.email!)}`);
      expect(
        found.people.filter((p) => p.key === person.key),
        `${person.email} stays removed after the restart`,
      ).toEqual([]);
      const onSandbox = await fetch(`http://127.0.0.1:${sandboxPort}/v1/organization/users/${membership.id}`, {
        headers: { authorization: "Bearer sandbox" },
      });
      expect(onSandbox.status, "the sandbox kept the removal too").toBe(404);
    } finally {
      await demo.stop();
    }
  });
});
