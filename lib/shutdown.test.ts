import { describe, expect, it } from "vitest";
import { isDraining, manualSignalHandling, shutdownGraceMs, trackChange } from "./shutdown";

const env = (vars: Record<string, string>) => ({ NODE_ENV: "test", ...vars }) as NodeJS.ProcessEnv;

describe("graceful stop settings", () => {
  it("waits 25 s by default and takes ROSTER_SHUTDOWN_GRACE_MS in ms", () => {
    expect(shutdownGraceMs(env({}))).toBe(25_000);
    expect(shutdownGraceMs(env({ ROSTER_SHUTDOWN_GRACE_MS: "5000" }))).toBe(5_000);
  });

  it("names the variable when its value is not a duration", () => {
    for (const bad of ["-1", "soon", "1.5", "600001"]) {
      expect(() => shutdownGraceMs(env({ ROSTER_SHUTDOWN_GRACE_MS: bad }))).toThrow(
        `ROSTER_SHUTDOWN_GRACE_MS must be milliseconds from 0 to 600000, got "${bad}"`,
      );
    }
  });

  it("passes a change's answer and its error through unchanged, and is not draining before a signal", async () => {
    expect(isDraining()).toBe(false);
    await expect(trackChange(async () => 42)).resolves.toBe(42);
    await expect(trackChange(async () => Promise.reject(new Error("provider said no")))).rejects.toThrow("provider said no");
  });

  it("drains only when Next leaves the signals to Roster (NEXT_MANUAL_SIG_HANDLE)", () => {
    expect(manualSignalHandling(env({}))).toBe(false);
    expect(manualSignalHandling(env({ NEXT_MANUAL_SIG_HANDLE: "false" }))).toBe(false);
    expect(manualSignalHandling(env({ NEXT_MANUAL_SIG_HANDLE: "0" }))).toBe(false);
    expect(manualSignalHandling(env({ NEXT_MANUAL_SIG_HANDLE: "true" }))).toBe(true);
    expect(manualSignalHandling(env({ NEXT_MANUAL_SIG_HANDLE: "1" }))).toBe(true);
  });
});
