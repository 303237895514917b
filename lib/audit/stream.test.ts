import { describe, expect, it, vi } from "vitest";
import { withTempDatabase } from "../testing/temp-db";

/**
 * Audit rows on the log stream (issue 14): one `{"msg":"audit","audit":{…}}` line per row
 * written, through the same redaction as every log line. On PGlite, or Postgres when
 * DATABASE_URL is set.
 */

const KEY = "sk-admin-streamtest-0123456789abcdef";
// A configured secret the provider repeats in its error: the line must never carry it.
process.env.OPENAI_ADMIN_KEY = KEY;
withTempDatabase("audit-stream");

const { createLogger } = await import("../log");
const { log } = await import("../log");
const { recordAttempt, recordResult } = await import("./log");
const { streamAuditRows } = await import("./stream");

function memoryLogger() {
  const lines: string[] = [];
  const logger = createLogger({ write: (s: string) => void lines.push(s) }, "info");
  return { logger, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const attempt = {
  actor: { id: null, email: "admin@example.com", role: "admin" },
  action: "remove_member" as const,
  provider: "openai",
  target: { id: "user-abc", email: "leaver@example.com" },
  before: { role: "reader" },
  requestId: "req-stream-1",
};

describe("audit rows on the log stream", () => {
  it("writes one structured line per row, redacted", () => {
    const { logger, entries } = memoryLogger();
    const content = {
      at: new Date("2026-12-01T10:00:00Z"),
      kind: "result" as const,
      attemptId: 7,
      actorId: null,
      actorEmail: "admin@example.com",
      actorRole: "admin",
      action: "remove_member",
      provider: "openai",
      targetId: "user-abc",
      targetEmail: "leaver@example.com",
      before: { role: "reader" },
      after: { apiKey: "anything", note: "Bearer abc.def.ghi" },
      outcome: "failure",
      providerStatus: 401,
      providerMessage: `Incorrect API key provided: ${KEY}`,
      requestId: "req-1",
      parentId: null,
    };
    streamAuditRows([{ row: { id: 8, hash: "k1:abc" }, content }], logger);
    const [line] = entries();
    expect(line).toMatchObject({
      level: "info",
      msg: "audit",
      audit: {
        id: 8,
        hash: "k1:abc",
        at: "2026-12-01T10:00:00.000Z",
        kind: "result",
        attemptId: 7,
        actor: { id: null, email: "admin@example.com", role: "admin" },
        action: "remove_member",
        provider: "openai",
        target: { id: "user-abc", email: "leaver@example.com" },
        outcome: "failure",
        providerStatus: 401,
        requestId: "req-1",
      },
    });
    const text = JSON.stringify(line);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain("abc.def.ghi");
    expect((line.audit as { after: { apiKey: string } }).after.apiKey).toBe("[redacted]");
    expect((line.audit as { providerMessage: string }).providerMessage).toBe("Incorrect API key provided: [redacted]");
  });

  it("every row the audit log writes goes to the stream once, after it is stored", async () => {
    const info = vi.spyOn(log, "info");
    const id = await recordAttempt(attempt);
    const resultId = await recordResult(id, attempt, {
      outcome: "failure",
      providerStatus: 401,
      providerMessage: `Incorrect API key provided: ${KEY}`,
    });
    const lines = info.mock.calls
      .filter(([, msg]) => msg === "audit")
      .map(([obj]) => (obj as unknown as { audit: { id: number; kind: string; outcome: string } }).audit);
    expect(lines.map((a) => [a.id, a.kind, a.outcome])).toEqual([
      [id, "attempt", "pending"],
      [resultId, "result", "failure"],
    ]);
    info.mockRestore();
  });
});
