import { describe, expect, it } from "vitest";
import { directoryRecheckMs, markChecked, markUnsure, recheckDue } from "./recheck";

/** When a server asks the database whether another server changed the directory. */
const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

describe("directory recheck", () => {
  it("is every second on Postgres, never again on PGlite (one process), or as configured", () => {
    expect(directoryRecheckMs(env({ DATABASE_URL: "postgres://x" }))).toBe(1000);
    expect(directoryRecheckMs(env({}))).toBe(Number.POSITIVE_INFINITY);
    expect(directoryRecheckMs(env({ ROSTER_DIRECTORY_RECHECK_MS: "0", DATABASE_URL: "postgres://x" }))).toBe(0);
    expect(directoryRecheckMs(env({ ROSTER_DIRECTORY_RECHECK_MS: "250" }))).toBe(250);
    expect(directoryRecheckMs(env({ ROSTER_DIRECTORY_RECHECK_MS: "soon", DATABASE_URL: "postgres://x" }))).toBe(1000);
  });

  it("is due before the first check and after a write left the copy unsure", () => {
    process.env.ROSTER_DIRECTORY_RECHECK_MS = "1000";
    try {
      markUnsure();
      expect(recheckDue(5_000)).toBe(true);
      markChecked(5_000);
      expect(recheckDue(5_500)).toBe(false);
      expect(recheckDue(6_000)).toBe(true);
      markChecked(6_000);
      markUnsure();
      expect(recheckDue(6_001)).toBe(true);
    } finally {
      delete process.env.ROSTER_DIRECTORY_RECHECK_MS;
    }
  });
});
