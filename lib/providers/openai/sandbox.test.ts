import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOpenAISandbox } from "./sandbox";
import { type OpenAITestSandbox, startOpenAISandbox } from "./test-sandbox";

let sb: OpenAITestSandbox;
beforeAll(async () => {
  sb = await startOpenAISandbox(240);
});
afterAll(() => sb.running.close());
beforeEach(() => sb.reset());

const errorOf = (param: string | null, message: RegExp) => ({
  error: expect.objectContaining({ message: expect.stringMatching(message), type: "invalid_request_error", param }),
});

describe("OpenAI sandbox wire behaviour", () => {
  it("validates `limit` and `after` with 400s naming the parameter", async () => {
    expect(await sb.raw("GET", "/organization/users?limit=0")).toEqual({ status: 400, body: errorOf("limit", /below minimum/) });
    expect(await sb.raw("GET", "/organization/users?limit=101")).toEqual({ status: 400, body: errorOf("limit", /above maximum/) });
    expect(await sb.raw("GET", "/organization/invites?limit=ten")).toEqual({ status: 400, body: errorOf("limit", /expected an integer/) });
    expect(await sb.raw("GET", "/organization/users?after=user-nope")).toEqual({ status: 400, body: errorOf("after", /user-nope/) });
  });

  it("defaults to 20 per page and pages with after = last_id", async () => {
    const first = (await sb.raw("GET", "/organization/users")).body as {
      data: Array<{ id: string }>;
      last_id: string;
      first_id: string;
      has_more: boolean;
    };
    expect(first.data).toHaveLength(20);
    expect(first).toMatchObject({ object: "list", first_id: first.data[0].id, last_id: first.data[19].id, has_more: true });
    const second = (await sb.raw("GET", `/organization/users?after=${first.last_id}&limit=100`)).body as { data: Array<{ id: string }> };
    expect(second.data[0].id).not.toBe(first.data[19].id);
    expect(second.data).toHaveLength(100);
  });

  it("continues from a cursor whose item was deleted in between", async () => {
    const first = (await sb.raw("GET", "/organization/users?limit=10")).body as {
      data: Array<{ id: string; role: string }>;
      last_id: string;
    };
    const next = (await sb.raw("GET", `/organization/users?after=${first.last_id}&limit=1`)).body as { data: Array<{ id: string }> };
    expect((await sb.raw("DELETE", `/organization/users/${first.last_id}`)).status).toBe(200);
    const after = (await sb.raw("GET", `/organization/users?after=${first.last_id}&limit=1`)).body as { data: Array<{ id: string }> };
    expect(after.data[0].id).toBe(next.data[0].id);
  });

  it("filters users by email", async () => {
    const [user] = ((await sb.raw("GET", "/organization/users?limit=3")).body as { data: Array<{ id: string; email: string }> }).data;
    const found = (await sb.raw("GET", `/organization/users?emails=${encodeURIComponent(user.email.toUpperCase())}`)).body as {
      data: Array<{ id: string }>;
      has_more: boolean;
    };
    expect(found.data.map((u) => u.id)).toEqual([user.id]);
    expect(found.has_more).toBe(false);
  });

  it("answers invalid invite bodies in OpenAI's error shape", async () => {
    expect(await sb.raw("POST", "/organization/invites", { role: "reader" })).toEqual({
      status: 400,
      body: errorOf("email", /Missing required parameter: 'email'/),
    });
    expect(await sb.raw("POST", "/organization/invites", { email: "a@example.com", role: "admin" })).toEqual({
      status: 400,
      body: errorOf("role", /Invalid value: 'admin'/),
    });
    expect(await sb.raw("POST", "/organization/invites", { email: 42, role: "reader" })).toEqual({
      status: 400,
      body: errorOf("email", /expected a string, but got an integer/),
    });
    expect(await sb.raw("POST", "/organization/invites", { email: "not-an-email", role: "reader" })).toEqual({
      status: 400,
      body: errorOf("email", /not a valid email/),
    });
    expect(
      await sb.raw("POST", "/organization/invites", {
        email: "p@example.com",
        role: "reader",
        projects: [{ id: "proj_1", role: "admin" }],
      }),
    ).toEqual({
      status: 400,
      body: errorOf("projects[0].role", /Invalid value/),
    });
    expect(await sb.raw("POST", "/organization/invites")).toEqual({ status: 400, body: errorOf(null, /JSON object/) });
  });

  it("invites to the default project unless projects are given", async () => {
    const legacy = await sb.raw("POST", "/organization/invites", { email: "legacy@example.com", role: "reader" });
    expect(legacy).toMatchObject({
      status: 200,
      body: { status: "pending", accepted_at: null, projects: [{ id: "proj_default", role: "member" }] },
    });
    const none = await sb.raw("POST", "/organization/invites", { email: "none@example.com", role: "owner", projects: [] });
    expect(none.body).toMatchObject({ role: "owner", projects: [] });
  });

  it("answers invalid role changes in OpenAI's error shape", async () => {
    const [user] = ((await sb.raw("GET", "/organization/users?limit=1")).body as { data: Array<{ id: string }> }).data;
    const path = `/organization/users/${user.id}`;
    expect(await sb.raw("POST", path, { role: "member" })).toEqual({
      status: 400,
      body: errorOf("role", /Supported values are: 'owner', 'reader'/),
    });
    expect(await sb.raw("POST", path, {})).toEqual({ status: 400, body: errorOf("role", /Missing required parameter/) });
    expect(await sb.raw("POST", path, { role_id: "role_1" })).toEqual({ status: 400, body: errorOf("role_id", /role_id/) });
    expect(await sb.raw("POST", path, { role: 7 })).toEqual({ status: 400, body: errorOf("role", /expected a string/) });
  });

  it("answers unknown paths, wrong methods and wrong tokens in the same shape", async () => {
    expect(await sb.raw("GET", "/organization/people")).toEqual({
      status: 404,
      body: errorOf(null, /Invalid URL \(GET \/v1\/organization\/people\)/),
    });
    expect((await sb.raw("PATCH", "/organization/users")).status).toBe(405);
    expect(await sb.raw("GET", "/organization/users", undefined, "nope")).toEqual({
      status: 401,
      body: {
        error: { message: "Invalid authentication credentials", type: "invalid_request_error", param: null, code: "invalid_api_key" },
      },
    });
  });

  it("restores the seed on reset", async () => {
    const before = await sb.adapter.listMembers();
    await sb.adapter.removeMember({ memberId: before[5].id });
    await sb.adapter.invite({ email: "temp@example.com", role: "reader" });
    sb.definition.reset();
    expect(await sb.adapter.listMembers()).toEqual(before);
    expect((await sb.adapter.listInvites()).map((i) => i.email)).not.toContain("temp@example.com");
  });

  it("is deterministic", () => {
    const a = createOpenAISandbox({ users: 300 });
    const b = createOpenAISandbox({ users: 300 });
    const list = (d: typeof a) => d.routes.find((r) => r.method === "GET" && r.pattern === "/organization/users")!;
    const request = {
      method: "GET",
      path: "/organization/users",
      pattern: "",
      params: {},
      query: new URLSearchParams("limit=100"),
      body: undefined,
      headers: {},
    };
    expect(list(a).handler(request)).toEqual(list(b).handler(request));
  });
});

describe("OpenAI sandbox at 50,000 users", () => {
  it("builds, resets and pages fast", async () => {
    let t = performance.now();
    const big = await startOpenAISandbox(50_000);
    const built = performance.now() - t;
    try {
      t = performance.now();
      big.definition.reset();
      const reset = performance.now() - t;

      t = performance.now();
      const members = await big.adapter.listMembers();
      const listed = performance.now() - t;
      expect(members).toHaveLength(50_000);

      t = performance.now();
      const last = members[49_899].id;
      const page = await big.raw("GET", `/organization/users?after=${last}&limit=100`);
      const deep = performance.now() - t;
      expect((page.body as { data: unknown[]; has_more: boolean }).data).toHaveLength(100);
      expect((page.body as { has_more: boolean }).has_more).toBe(false);

      expect(built).toBeLessThan(5_000);
      expect(reset).toBeLessThan(1_000);
      expect(listed).toBeLessThan(10_000);
      expect(deep).toBeLessThan(500);
    } finally {
      await big.running.close();
    }
  });
});
