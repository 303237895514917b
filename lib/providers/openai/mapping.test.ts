import { describe, expect, it } from "vitest";
import { ProviderError } from "../errors";
import { openAIErrorMessage, type OpenAIClient } from "./client";
import { redactionFits, redactKey, resolveIdentity } from "./identity";
import { collectPages, toInvite, toMember, UNKNOWN_ROLE } from "./mapping";
import { inviteSchema, userSchema, type WireAdminApiKey } from "./schemas";
import { LEGACY_INVITE } from "./test-fixtures";

describe("invite mapping", () => {
  it("accepts the older `invited_at` shape", () => {
    expect(toInvite(inviteSchema.parse(LEGACY_INVITE))).toEqual({
      provider: "openai",
      id: "invite-abc",
      email: "user@example.com",
      role: "owner",
      createdAt: "2024-03-26T16:45:33.000Z",
      expiresAt: "2024-03-26T16:45:33.000Z",
    });
  });

  it("accepts the current `created_at` shape with a null expiry", () => {
    const { invited_at: _sent, ...rest } = LEGACY_INVITE;
    const current = { ...rest, status: "pending", created_at: 1711471533, expires_at: null, accepted_at: null };
    expect(toInvite(inviteSchema.parse(current))).toMatchObject({ createdAt: "2024-03-26T16:45:33.000Z", expiresAt: null });
  });

  it("rejects an invite with neither sent time, or with a role outside the spec's enum", () => {
    const { invited_at: _sent, ...noSentTime } = LEGACY_INVITE;
    expect(inviteSchema.safeParse(noSentTime).success).toBe(false);
    expect(inviteSchema.safeParse({ ...LEGACY_INVITE, role: "admin" }).success).toBe(false);
  });
});

describe("user mapping", () => {
  it("accepts the current spec's minimal user (nullable name, email and role) and extra fields", () => {
    const user = userSchema.parse({
      object: "organization.user",
      id: "user_x",
      added_at: 0,
      name: null,
      email: null,
      role: null,
      technical_level: "expert",
    });
    expect(toMember(user)).toEqual({
      provider: "openai",
      id: "user_x",
      email: null,
      name: "user_x",
      role: UNKNOWN_ROLE,
      roleId: UNKNOWN_ROLE,
      status: "active",
      kind: "person",
      addedAt: "1970-01-01T00:00:00.000Z",
      managed: false,
    });
  });

  it("falls back to the nested user for email and name", () => {
    const user = userSchema.parse({
      object: "organization.user",
      id: "user_y",
      added_at: 1,
      role: "reader",
      user: { object: "user", id: "u", email: "n@example.com", name: "Nested" },
      is_scim_managed: true,
    });
    expect(toMember(user)).toMatchObject({ email: "n@example.com", name: "Nested", managed: true });
  });

  it("requires `added_at`", () => {
    expect(userSchema.safeParse({ object: "organization.user", id: "user_z" }).success).toBe(false);
  });
});

describe("cursor pages", () => {
  it("stops when the cursor does not move", async () => {
    let calls = 0;
    const items = await collectPages(async () => {
      calls++;
      const envelope = { data: [{ id: "a" }], has_more: true, last_id: "a" };
      return { envelope, items: envelope.data };
    });
    expect(calls).toBe(2);
    expect(items).toHaveLength(2);
  });
});

describe("errors and identity", () => {
  it("extracts the provider's own message", () => {
    expect(
      openAIErrorMessage({
        error: { message: "Incorrect API key provided", type: "invalid_request_error", param: null, code: "invalid_api_key" },
      }),
    ).toBe("Incorrect API key provided");
    expect(openAIErrorMessage({ detail: "not openai" })).toBeNull();
    expect(openAIErrorMessage("text")).toBeNull();
  });

  it("matches a redacted key to the token without revealing more than half of it", () => {
    expect(redactionFits("sk-admin...def", "sk-admin-1234def")).toBe(true);
    expect(redactionFits("sk-admin...def", "sk-admin-1234xyz")).toBe(false);
    expect(redactionFits("sk-admin…def", "sk-admin-1234def")).toBe(true);
    expect(redactionFits("sk-admin-1234def", "sk-admin-1234def")).toBe(false);
    expect(redactKey("sk-admin-0123456789abcdef0123456789")).toBe("sk-admin...6789");
    expect(redactKey("sandbox")).toBe("s...x");
  });

  const key = (redacted: string, ownerId: string): WireAdminApiKey => ({
    object: "organization.admin_api_key",
    id: `key_${ownerId}`,
    name: "k",
    redacted_value: redacted,
    created_at: 0,
    expires_at: null,
    owner: { type: "user", object: "organization.user", id: ownerId, name: `Owner ${ownerId}` },
  });
  const client = (keys: WireAdminApiKey[], getUser: OpenAIClient["getUser"]) =>
    ({ listAdminApiKeys: async () => ({ object: "list", data: keys, has_more: false }), getUser }) as unknown as OpenAIClient;
  const notFound = async () => {
    throw new ProviderError({ provider: "openai", kind: "http", status: 404, message: "No such user" });
  };

  it("describes the key itself when no single admin key fits the token", async () => {
    const token = "sk-admin-0123456789abcdef0123456789";
    const ambiguous = [key("sk-admin...6789", "a"), key("sk-admin...6789", "b")];
    expect(await resolveIdentity(client(ambiguous, notFound), token)).toEqual({
      id: "admin-api-key",
      name: "Admin API key sk-admin...6789",
      email: null,
      organization: null,
    });
    expect((await resolveIdentity(client([], notFound), token)).id).toBe("admin-api-key");
  });

  it("keeps the owner's name when the owner is no longer a member", async () => {
    const identity = await resolveIdentity(client([key("sk-admin...6789", "gone")], notFound), "sk-admin-0123456789abcdef0123456789");
    expect(identity).toEqual({ id: "gone", name: "Owner gone", email: null, organization: null });
  });
});
