import { describe, expect, it } from "vitest";
import { ConfigError } from "../config";
import { DEFAULT_EXPIRY_DAYS, invitePolicy, sendLeaseMs } from "./policy";

/** An environment with just these variables. */
const env = (vars: Record<string, string> = {}) => vars as unknown as NodeJS.ProcessEnv;

describe("invite policy", () => {
  it("sends every invite through approval by default, with a week to decide", () => {
    expect(invitePolicy(env())).toEqual({ directInvites: false, expiryDays: DEFAULT_EXPIRY_DAYS });
    expect(DEFAULT_EXPIRY_DAYS).toBe(7);
  });

  it("lets admins invite directly only when ROSTER_DIRECT_INVITES=admins", () => {
    expect(invitePolicy(env({ ROSTER_DIRECT_INVITES: "admins" })).directInvites).toBe(true);
    expect(invitePolicy(env({ ROSTER_DIRECT_INVITES: "off" })).directInvites).toBe(false);
    expect(() => invitePolicy(env({ ROSTER_DIRECT_INVITES: "everyone" }))).toThrow(ConfigError);
  });

  it("reads the expiry in whole days", () => {
    expect(invitePolicy(env({ ROSTER_INVITE_REQUEST_DAYS: "14" })).expiryDays).toBe(14);
    for (const bad of ["0", "1.5", "366", "soon"]) {
      expect(() => invitePolicy(env({ ROSTER_INVITE_REQUEST_DAYS: bad }))).toThrow(/ROSTER_INVITE_REQUEST_DAYS/);
    }
  });

  it("holds a send well past the provider timeout before another server may take it over", () => {
    expect(sendLeaseMs(env({ ROSTER_PROVIDER_TIMEOUT_MS: "1500" }))).toBeGreaterThan(1500 * 3);
  });

  it("takes ROSTER_JOB_LEASE_SECONDS as the lease, never below four provider timeouts and 5 s", () => {
    expect(sendLeaseMs(env({ ROSTER_PROVIDER_TIMEOUT_MS: "1500", ROSTER_JOB_LEASE_SECONDS: "20" }))).toBe(20_000);
    expect(sendLeaseMs(env({ ROSTER_PROVIDER_TIMEOUT_MS: "1500", ROSTER_JOB_LEASE_SECONDS: "2" }))).toBe(11_000);
    expect(sendLeaseMs(env({ ROSTER_PROVIDER_TIMEOUT_MS: "1500", ROSTER_JOB_LEASE_SECONDS: "x" }))).toBe(36_000);
  });
});
