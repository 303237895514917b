import { execFile } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";

/**
 * `npm run audit:deps` against a local registry: one that serves npm's bulk advisory
 * endpoint with a critical advisory (the check fails), one with no advisory (it passes),
 * and one that answers 405 like this machine's registry (it says it could not check).
 */

const run = promisify(execFile);
let server: http.Server | undefined;

afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A registry whose advisory endpoint answers `advisories` (or `status` with no body). */
async function registry(answer: { status: number; advisories?: Record<string, unknown[]> }): Promise<string> {
  const { version } = (await import("zod/package.json", { with: { type: "json" } })).default as { version: string };
  server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.method === "POST" && req.url?.endsWith("/-/npm/v1/security/advisories/bulk")) {
        res.writeHead(answer.status, { "content-type": "application/json" });
        return res.end(answer.status === 200 ? JSON.stringify(answer.advisories ?? {}) : "");
      }
      if (req.method === "GET" && req.url === "/zod") {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(
          JSON.stringify({ name: "zod", "dist-tags": { latest: version }, versions: { [version]: { name: "zod", version } } }),
        );
      }
      res.writeHead(404, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`;
}

async function auditDeps(registryUrl: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["scripts/audit-deps.mjs"], {
      env: { ...process.env, npm_config_registry: registryUrl },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

// Each case runs npm audit (and npm ls) for real: slow on a busy machine.
describe("npm run audit:deps", { timeout: 120_000 }, () => {
  it("fails on a critical advisory for a production dependency, naming it", async () => {
    const url = await registry({
      status: 200,
      advisories: {
        zod: [
          {
            id: 1,
            url: "https://example.com/advisory/1",
            title: "A made-up flaw",
            severity: "critical",
            vulnerable_versions: "<=999.0.0",
            cwe: [],
            cvss: { score: 9.8, vectorString: null },
          },
        ],
      },
    });
    const { code, output } = await auditDeps(url);
    expect(code, output).toBe(1);
    expect(output).toContain("CRITICAL zod");
    expect(output).toContain("A made-up flaw");
  });

  it("passes when no advisory applies", async () => {
    const { code, output } = await auditDeps(await registry({ status: 200, advisories: {} }));
    expect(code, output).toBe(0);
    expect(output).toContain("no high or critical advisory");
  });

  it("says plainly that nothing was checked when the registry has no audit endpoint, without failing", async () => {
    const { code, output } = await auditDeps(await registry({ status: 405 }));
    expect(code, output).toBe(0);
    expect(output).toContain("could NOT check advisories");
    expect(output).toContain("405");
  });
});
