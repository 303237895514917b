import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadOpenApi, matchPath, type OpenApiDoc, validateRequest, validateResponse } from "./openapi-contract";

const SPECS = path.resolve(__dirname, "../../../shared/specs");

describe("openapi-contract (the validator itself must be able to fail)", () => {
  let openai: OpenApiDoc;
  beforeAll(() => {
    openai = loadOpenApi(path.join(SPECS, "openai/openapi.yaml"));
  });

  it("accepts the spec's own example user and rejects a user without an id", () => {
    const user = {
      object: "organization.user",
      id: "user_abc",
      name: "First Last",
      email: "user@example.com",
      role: "owner",
      added_at: 1711471533,
    };
    expect(validateResponse(openai, { method: "GET", path: "/organization/users/user_abc", status: 200, body: user })).toEqual([]);
    const { id: _id, ...noId } = user;
    expect(validateResponse(openai, { method: "GET", path: "/organization/users/{user_id}", status: 200, body: noId }).join()).toMatch(
      /id/,
    );
  });

  it("rejects an unknown query parameter, a bad body and an unknown path", () => {
    expect(validateRequest(openai, { method: "GET", path: "/organization/users", query: [["limit", "100"]], body: undefined })).toEqual([]);
    expect(validateRequest(openai, { method: "GET", path: "/organization/users", query: [["page", "2"]], body: undefined }).join()).toMatch(
      /page/,
    );
    expect(
      validateRequest(openai, { method: "POST", path: "/organization/invites", query: [], body: { email: "a@b.c", role: "admin" } }).length,
    ).toBeGreaterThan(0);
    expect(validateRequest(openai, { method: "GET", path: "/organization/people", query: [], body: undefined }).join()).toMatch(
      /no such path/,
    );
  });

  it("matches concrete paths to templates", () => {
    expect(matchPath(openai, "/organization/invites/invite-abc")?.template).toBe("/organization/invites/{invite_id}");
  });
});
