import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { CANARIES, E2E } from "../env";
import { expect, test } from "../fixtures";
import { ACCESS } from "./api-routes";

/**
 * Provider keys never reach the browser. scripts/test.sh builds Roster with canary values
 * of the three live key variables (on the build command only), and the e2e server runs
 * its sandboxes with a canary token that Roster sends to them. None of those, nor the
 * session secret, may appear in any file under .next/static, any page's HTML or RSC
 * payload, or any GET answer of the API.
 */

const NEXT_DIR = path.resolve(__dirname, "../../.next");
/** Written by scripts/test.sh after building with the canaries. */
const CANARY_BUILD = path.join(NEXT_DIR, "canary-build.json");
const NEXTAUTH_SECRET = "e2e-only-secret-not-for-production-0123456789";

const SECRETS: Record<string, string> = {
  ...CANARIES.build,
  ROSTER_SANDBOX_TOKENS: CANARIES.sandboxToken,
  NEXTAUTH_SECRET,
};

/** Names of the secrets found in `text`. */
function leaked(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

async function pagesToVisit(owner: APIRequestContext): Promise<string[]> {
  const users = await (await owner.get("/api/users?pageSize=1")).json();
  const email: string = users.people[0].email;
  return ["/", `/people/${encodeURIComponent(email)}`, "/invites", "/service-accounts", "/audit", "/connections", "/settings"];
}

test.describe("secrets never reach the browser", () => {
  test("the server really runs with the canary sandbox token", async () => {
    // The sandboxes accept exactly the configured tokens; Roster sends the first (lib/config.ts).
    const url = `${E2E.sandbox.openai}/v1/organization/users?limit=1`;
    expect((await fetch(url, { headers: { authorization: `Bearer ${CANARIES.sandboxToken}` } })).status).toBe(200);
    expect((await fetch(url, { headers: { authorization: "Bearer not-a-configured-token" } })).status).toBe(401);
  });

  test("no file under .next/static holds a key", () => {
    test.skip(
      !fs.existsSync(CANARY_BUILD) && !process.env.CI,
      "this build was not made with the canary keys (scripts/test.sh does that; CI always)",
    );
    expect(JSON.parse(fs.readFileSync(CANARY_BUILD, "utf8")), "built with every canary key").toEqual(Object.keys(CANARIES.build));
    const files = filesUnder(path.join(NEXT_DIR, "static"));
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((file) =>
      leaked(fs.readFileSync(file, "latin1")).map((name) => `${name} in ${path.relative(NEXT_DIR, file)}`),
    );
    expect(found).toEqual([]);
  });

  test("no page (HTML or RSC payload) holds a key, signed in as owner", async ({ as, request }) => {
    const owner = await as("owner");
    const found: string[] = [];
    for (const page of [...(await pagesToVisit(owner)), "/signin"]) {
      const html = await owner.get(page);
      expect(html.status(), page).toBe(200);
      const rsc = await owner.get(page, { headers: { rsc: "1" } });
      for (const name of leaked((await html.text()) + (await rsc.text()))) found.push(`${name} in ${page}`);
    }
    const signedOut = await request.get("/signin");
    for (const name of leaked(await signedOut.text())) found.push(`${name} in /signin (signed out)`);
    expect(found).toEqual([]);
  });

  test("no GET answer of the API holds a key, signed in as owner", async ({ as }) => {
    const owner = await as("owner");
    const users = await (await owner.get("/api/users?pageSize=1")).json();
    const gets = Object.entries(ACCESS)
      .filter(([key]) => key.startsWith("GET "))
      .map(([, access]) => access.path);
    const paths = [
      ...gets,
      // The same routes with real ids, and next-auth's own answers.
      `/api/people/${encodeURIComponent(users.people[0].email)}`,
      "/api/users?pageSize=200",
      "/api/auth/session",
      "/api/auth/csrf",
      "/api/auth/providers",
    ];
    expect(gets).toContain("/api/connections");
    const found: string[] = [];
    for (const p of paths) {
      const res = await owner.get(p);
      expect(res.status(), p).toBeLessThan(500);
      for (const name of leaked(await res.text())) found.push(`${name} in GET ${p}`);
    }
    expect(found).toEqual([]);
  });
});
