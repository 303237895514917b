import { describe, expect, it } from "vitest";
import { createLogger, prettyLine, REDACTED, scrub, scrubText } from "./log";

/** Logs into memory and answers the lines written. */
function memoryLogger(level: "info" | "debug" = "debug") {
  const lines: string[] = [];
  const logger = createLogger({ write: (s: string) => void lines.push(s) }, level);
  return { logger, text: () => lines.join(""), entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const SECRETS = {
  bearer: "sbx-tok-1f2e3d4c5b6a",
  openaiKey: "sk-admin-AbCdEf0123456789xyz",
  password: "correct horse battery staple",
  cookie: "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..abc123def456.ghi789",
  clientSecret: "cs_9b8a7f6e5d4c3b2a",
  nextauth: "e2e-only-secret-not-for-production-0123456789",
  apiKey: "ak_live_77aa88bb99cc",
};

describe("log redaction", () => {
  it("masks every secret shape, at any depth and inside messages and errors", () => {
    const { logger, text, entries } = memoryLogger();
    logger.info({ headers: { Authorization: `Bearer ${SECRETS.bearer}`, accept: "application/json" } }, "outgoing call");
    logger.info({ req: { headers: { authorization: `Bearer ${SECRETS.bearer}`, cookie: `next-auth.session-token=${SECRETS.cookie}` } } });
    logger.info({ res: { headers: { "set-cookie": [`next-auth.session-token=${SECRETS.cookie}; Path=/; HttpOnly`] } } });
    logger.info({
      config: {
        providers: { openai: { apiKey: SECRETS.openaiKey, api_key: SECRETS.openaiKey }, arthur: { client_secret: SECRETS.clientSecret } },
      },
    });
    logger.info({ env: { NEXTAUTH_SECRET: SECRETS.nextauth, ROSTER_SANDBOX_TOKENS: SECRETS.bearer } }, "config loaded");
    logger.info({ deeply: { nested: { list: [{ user: { password: SECRETS.password, token: SECRETS.bearer } }] } } });
    logger.info({ account: { clientId: "client-1", clientSecret: SECRETS.clientSecret } });
    logger.error(new Error(`401 from provider: Authorization: Bearer ${SECRETS.bearer} refused`));
    logger.error(
      { err: new Error(`key ${SECRETS.openaiKey} is expired`, { cause: new Error(`password=${SECRETS.password}`) }) },
      "request failed",
    );
    logger.warn(`calling with Bearer ${SECRETS.bearer} and ${SECRETS.openaiKey}`);
    logger.warn("printf %s then %o", `token=${SECRETS.apiKey}`, { secret: SECRETS.clientSecret });
    logger.child({ token: SECRETS.bearer }).info("child with a secret binding");
    const headers = new Headers({ authorization: `Bearer ${SECRETS.bearer}`, cookie: `next-auth.session-token=${SECRETS.cookie}` });
    logger.info({ headers }, "a Headers object");

    const out = text();
    for (const [name, secret] of Object.entries(SECRETS)) expect(out, `${name} leaked`).not.toContain(secret);
    // What is not secret survives, so the log stays useful.
    expect(out).toContain("outgoing call");
    expect(out).toContain("application/json");
    expect(out).toContain("client-1");
    expect(out).toContain("401 from provider");
    expect(out).toContain(REDACTED);
    expect(entries()).toHaveLength(13);
  });

  it("masks a Roster API token wherever it appears, even without a Bearer in front", () => {
    const token = "roster_pat_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";
    const { logger, text } = memoryLogger();
    logger.warn(`a program pasted ${token} into a name`);
    logger.info({ note: `tried ${token}` });
    expect(text()).not.toContain(token.slice(11));
    expect(text()).toContain(`roster_pat_${REDACTED}`);
  });

  it("keeps an error's type, provider fields and stack, scrubbed", () => {
    const { logger, entries } = memoryLogger();
    const error = Object.assign(new Error(`HTTP 500 for Bearer ${SECRETS.bearer}`), { provider: "openai", status: 500 });
    logger.error({ err: error }, "provider failed");
    const [entry] = entries();
    const err = entry.err as Record<string, unknown>;
    expect(err.type).toBe("Error");
    expect(err.provider).toBe("openai");
    expect(err.status).toBe(500);
    expect(String(err.stack)).toContain("log.test.ts");
    expect(JSON.stringify(entry)).not.toContain(SECRETS.bearer);
  });

  it("respects the level", () => {
    const { logger, entries } = memoryLogger("info");
    logger.debug("hidden");
    logger.info("shown");
    expect(entries().map((e) => e.msg)).toEqual(["shown"]);
  });

  it("scrub handles cycles and leaves plain data alone", () => {
    const a: Record<string, unknown> = { name: "Ada", count: 3 };
    a.self = a;
    expect(scrub(a)).toEqual({ name: "Ada", count: 3, self: "[circular]" });
    expect(scrubText("nothing secret here: 42 users")).toBe("nothing secret here: 42 users");
  });

  it("reads as plain lines on a terminal, from the redacted JSON", () => {
    const { logger, text } = memoryLogger();
    logger.info("openai sandbox on http://127.0.0.1:4010/v1");
    logger.warn({ err: new Error(`refused Bearer ${SECRETS.bearer}`) }, "call failed");
    const [first, second] = text()
      .split("\n")
      .filter(Boolean)
      .map((l) => prettyLine(l));
    expect(first).toBe("[roster] openai sandbox on http://127.0.0.1:4010/v1\n");
    expect(second).toMatch(/^\[roster\] WARN call failed\nError: refused Bearer \[redacted\]/);
  });
});
