import { expect, test } from "@playwright/test";
import { E2E } from "../env";
import { backends, cookieHeader, PORT_BASE, passwordSignIn, rawRequest, startRoster } from "./signin-servers";

/**
 * A Roster server configured for production behind https (NEXTAUTH_URL=https://…): its
 * session cookie is `__Secure-` and Secure, HttpOnly, SameSite=Lax. Run with no proxy
 * trusted, it counts failed sign-ins by the socket's address, whatever x-forwarded-for
 * a client writes.
 */

const port = PORT_BASE + 1;
const sandboxPort = PORT_BASE + 40;
/** A loopback address of this run's own (all of 127/8 reaches the server). */
const loopback = (n: number) => `127.0.${(process.pid % 200) + 20}.${n}`;

for (const backend of backends()) {
  test(`https NEXTAUTH_URL: Secure session cookie; the throttle counts the socket's address, not x-forwarded-for (${backend.name})`, async () => {
    const server = await startRoster({
      port,
      sandboxPort,
      databaseUrl: backend.databaseUrl,
      env: { NEXTAUTH_URL: `https://localhost:${port}` },
    });
    try {
      const signedIn = await passwordSignIn(server.url, E2E.operators.owner, E2E.password, { localAddress: loopback(1) });
      expect(signedIn.status, server.text()).toBe(200);
      const session = signedIn.setCookies.find((c) => c.startsWith("__Secure-next-auth.session-token="));
      expect(session, `Set-Cookie: ${signedIn.setCookies.join(" | ")}`).toBeTruthy();
      const attrs = session!.split(";").map((a) => a.trim().toLowerCase());
      for (const flag of ["secure", "httponly", "samesite=lax", "path=/"]) expect(attrs).toContain(flag);
      expect(signedIn.setCookies.some((c) => c.startsWith("next-auth.session-token="))).toBe(false);
      // The cookie works under its secure name.
      const api = await rawRequest(`${server.url}/api/operators`, { headers: { cookie: cookieHeader([session!]) } });
      expect(api.status).toBe(200);

      // Five failures from one socket, each claiming another x-forwarded-for and email…
      const run = `${process.pid}${Date.now()}`;
      const from = loopback(2);
      for (let i = 0; i < 5; i++) {
        const res = await passwordSignIn(server.url, `spoof-${i}-${run}@signin.test`, "wrong", {
          localAddress: from,
          forwardedFor: `192.0.2.${i + 1}`,
        });
        expect(res.status).toBe(401);
      }
      // …and the sixth is throttled all the same: the header is not trusted without ROSTER_TRUST_PROXY.
      const sixth = await passwordSignIn(server.url, `spoof-6-${run}@signin.test`, "wrong", {
        localAddress: from,
        forwardedFor: "192.0.2.99",
      });
      expect(sixth.status).toBe(429);
      expect(Number(sixth.headers["retry-after"])).toBeGreaterThan(0);
      expect(JSON.parse(sixth.text).error.details.scope).toBe("address");
      // Another socket address is not throttled.
      const other = await passwordSignIn(server.url, `spoof-6-${run}@signin.test`, "wrong", { localAddress: loopback(3) });
      expect(other.status).toBe(401);
    } finally {
      await server.stop();
    }
  });
}
