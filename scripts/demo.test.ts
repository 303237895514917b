import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

/**
 * `npm run demo` (scripts/demo.mjs) in a scratch copy whose `next` is a stand-in: `build`
 * takes a while and prints nothing (as the real one does for minutes on a first run), `start`
 * records its arguments and answers /signin. The e2e system suite runs the real server
 * (e2e/system/demo.spec.ts); this checks what the script itself says and asks for.
 */

const FAKE_NEXT = `
const fs = require("node:fs");
const http = require("node:http");
const [command, ...args] = process.argv.slice(2);
fs.appendFileSync("next-calls.log", JSON.stringify([command, ...args]) + "\\n");
if (command === "build") {
  setTimeout(() => {
    fs.mkdirSync(".next", { recursive: true });
    fs.writeFileSync(".next/BUILD_ID", "fake");
  }, Number(process.env.FAKE_BUILD_MS));
} else {
  const at = (flag) => args[args.indexOf(flag) + 1];
  http.createServer((req, res) => res.end("ok")).listen(Number(at("-p")), at("-H"));
}
`;

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGTERM");
});

function scratchRoot(built: boolean): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "roster-demo-script-"));
  fs.mkdirSync(path.join(root, "scripts"));
  fs.copyFileSync(path.join(__dirname, "demo.mjs"), path.join(root, "scripts", "demo.mjs"));
  fs.mkdirSync(path.join(root, "node_modules/next/dist/bin"), { recursive: true });
  fs.writeFileSync(path.join(root, "node_modules/next/dist/bin/next"), FAKE_NEXT);
  if (built) {
    fs.mkdirSync(path.join(root, ".next"));
    fs.writeFileSync(path.join(root, ".next", "BUILD_ID"), "fake");
  }
  return root;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs the demo until it prints `until`; its whole output so far. */
async function runDemo(root: string, env: Record<string, string>, until: string, timeoutMs: number): Promise<string> {
  const child = spawn(process.execPath, [path.join(root, "scripts", "demo.mjs")], {
    cwd: root,
    env: { ...process.env, ROSTER_DATA_DIR: path.join(root, ".data", "pglite"), ROSTER_DEMO_HOST: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + timeoutMs;
  while (!output.includes(until)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the demo did not print "${until}":\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return output;
}

const calls = (root: string) =>
  fs
    .readFileSync(path.join(root, "next-calls.log"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as string[]);

describe("npm run demo", () => {
  it("says what it is doing while a first build runs and while the server starts", async () => {
    const root = scratchRoot(false);
    const port = await freePort();
    const output = await runDemo(root, { PORT: String(port), FAKE_BUILD_MS: "11000" }, "Roster is running", 40_000);
    expect(output).toContain("Building Roster for production");
    expect(output, "a silent build says it is still building").toMatch(/still building \(1\d s so far\)/);
    expect(output).toMatch(/Built in 1\d s\./);
    expect(output).toContain(`Starting Roster on http://localhost:${port} (listening on 127.0.0.1 only)`);
    expect(calls(root).map((c) => c[0])).toEqual(["build", "start"]);
  }, 60_000);

  it("listens on loopback unless ROSTER_DEMO_HOST says otherwise, and ignores HOSTNAME", async () => {
    const root = scratchRoot(true);
    const port = await freePort();
    await runDemo(root, { PORT: String(port), HOSTNAME: "0.0.0.0" }, "Roster is running", 20_000);
    expect(calls(root)).toEqual([["start", "-p", String(port), "-H", "127.0.0.1"]]);
    for (const child of running.splice(0)) child.kill("SIGTERM");

    const other = await freePort();
    const output = await runDemo(root, { PORT: String(other), ROSTER_DEMO_HOST: "0.0.0.0" }, "Roster is running", 20_000);
    expect(calls(root).at(-1)).toEqual(["start", "-p", String(other), "-H", "0.0.0.0"]);
    expect(output).toContain("listening on every network interface");
  }, 60_000);
});
