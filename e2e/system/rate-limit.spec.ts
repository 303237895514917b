import { expect, test } from "@playwright/test";
import { portFrom } from "./servers";
import { cookieHeader, passwordSignIn, rawRequest, startRoster } from "./signin-servers";

/**
 * The API's rate limit on a Roster server of its own with a tiny limit
 * (ROSTER_API_RATE_BURST=5, ROSTER_API_RATE_PER_MINUTE=6, one more every 10 s): each session, and each address
 * without one, gets its burst, then 429 with Retry-After; other sessions are not affected.
 * (The e2e server and the load bench run with the generous defaults.)
 * Ports: ROSTER_RATE_LIMIT_PORT (default 5380) and its sandboxes at +10..+12.
 */

const port = portFrom("ROSTER_RATE_LIMIT_PORT", 5380);

test("over its burst a session gets 429 with Retry-After; another session and a later request do not", async () => {
  const server = await startRoster({ port, sandboxPort: port + 10, env: { ROSTER_API_RATE_BURST: "5", ROSTER_API_RATE_PER_MINUTE: "6" } });
  try {
    const session = async (email: string) => {
      const res = await passwordSignIn(server.url, email, "roster-demo");
      expect(res.status, server.text().slice(-2000)).toBe(200);
      return { cookie: cookieHeader(res.setCookies) };
    };
    const viewer = await session("viewer@roster.demo");
    const admin = await session("admin@roster.demo");
    const get = (headers: Record<string, string>) => rawRequest(`${server.url}/api/roles`, { headers });

    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await get({ cookie: viewer.cookie }));
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const limited = answers[5];
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(limited.text).error).toMatchObject({
      code: "rate_limited",
      details: { retryAfter: Number(limited.headers["retry-after"]) },
    });

    expect((await get({ cookie: admin.cookie })).status, "another session has its own burst").toBe(200);

    // Without a session, the address is counted: 401 while under the limit, then 429.
    const anonymous = [];
    for (let i = 0; i < 6; i++) anonymous.push((await get({})).status);
    expect(anonymous).toEqual([401, 401, 401, 401, 401, 429]);

    await new Promise((r) => setTimeout(r, Number(limited.headers["retry-after"]) * 1000 + 100));
    expect((await get({ cookie: viewer.cookie })).status, "after Retry-After").toBe(200);
  } finally {
    await server.stop();
  }
});
