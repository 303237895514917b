import { request } from "@playwright/test";
import { E2E } from "../env";
import { expect, test } from "../fixtures";

test.describe("access", () => {
  test("every API route answers 401 JSON without a session", async () => {
    const anon = await request.newContext({ baseURL: E2E.baseUrl });
    for (const [method, path] of [
      ["GET", "/api/users"],
      ["GET", "/api/connections"],
      ["POST", "/api/sync"],
    ] as const) {
      const res = await anon.fetch(path, { method, data: method === "POST" ? {} : undefined });
      expect(res.status(), `${method} ${path}`).toBe(401);
      expect(res.headers()["content-type"]).toContain("application/json");
      const body = await res.json();
      expect(body.error.code).toBe("unauthorized");
      expect(body.error.message).toBeTruthy();
    }
    await anon.dispose();
  });

  test("pages redirect to sign-in without a session", async () => {
    const anon = await request.newContext({ baseURL: E2E.baseUrl });
    const res = await anon.get("/connections", { maxRedirects: 0 });
    expect([303, 307, 308]).toContain(res.status());
    expect(res.headers()["location"]).toContain("/signin");
    await anon.dispose();
  });

  test("wrong password does not sign in", async () => {
    const anon = await request.newContext({ baseURL: E2E.baseUrl });
    const { csrfToken } = await (await anon.get("/api/auth/csrf")).json();
    await anon.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: E2E.operators.admin, password: "not-the-password", json: "true" },
      maxRedirects: 0,
    });
    const session = await (await anon.get("/api/auth/session")).json();
    expect(session?.user).toBeFalsy();
    expect((await anon.get("/api/users")).status()).toBe(401);
    await anon.dispose();
  });

  test("a change from another origin is refused with 403", async ({ as }) => {
    const viewer = await as("viewer");
    const res = await viewer.post("/api/sync", { data: {}, headers: { origin: "https://evil.example" } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("cross_origin");
  });
});
