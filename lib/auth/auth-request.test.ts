import { describe, expect, it } from "vitest";
import { canonicalSegments, isPasswordCheck, readAuthBody } from "./auth-request";
import { knownSignInError } from "./signin-errors";

const ctx = (nextauth: string[]) => ({ params: Promise.resolve({ nextauth }) });
const at = (path: string) => new Request(`http://localhost:3000${path}`, { method: "POST" });

describe("canonical auth paths", () => {
  it("takes the segments next-auth acts on only when the URL spells them as it reads them", async () => {
    expect(await canonicalSegments(at("/api/auth/callback/credentials"), ctx(["callback", "credentials"]))).toEqual([
      "callback",
      "credentials",
    ]);
    expect(await canonicalSegments(at("/api/auth/csrf"), ctx(["csrf"]))).toEqual(["csrf"]);
    for (const [path, segments] of [
      ["/api/auth/callback/%63redentials", ["callback", "credentials"]],
      ["/api/auth/callback/credentials/x", ["callback", "credentials", "x"]],
      ["/api/auth/callback/Credentials", ["callback", "Credentials"]],
      ["/api/auth/callback/credentials;x", ["callback", "credentials;x"]],
      ["/api/auth/callback/credentials", ["callback", "credentials", ""]],
      ["/api/auth/x", ["callback", "credentials"]],
    ] as Array<[string, string[]]>) {
      expect(await canonicalSegments(at(path), ctx(segments)), path).toBeNull();
    }
    expect(isPasswordCheck(["callback", "credentials"])).toBe(true);
    expect(isPasswordCheck(["callback", "oidc"])).toBe(false);
  });
});

describe("sign-in bodies", () => {
  const post = (body: string, type: string) =>
    new Request("http://localhost:3000/api/auth/callback/credentials", { method: "POST", body, headers: { "content-type": type } });

  it("reads a form or a JSON object and hands next-auth the same body", async () => {
    const form = await readAuthBody(post("email=a%40b.c&password=x", "application/x-www-form-urlencoded; charset=UTF-8"));
    expect(form.fields).toEqual({ email: "a@b.c", password: "x" });
    expect(form.request.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(await form.request.text()).toBe("email=a%40b.c&password=x");
    const json = await readAuthBody(post('{"email":"a","email":"b"}', "Application/JSON"));
    expect(json.fields).toEqual({ email: "b" });
    expect(json.request.headers.get("content-type")).toBe("application/json");
  });

  it("refuses repeated form fields, broken JSON, non-objects and other types", async () => {
    await expect(readAuthBody(post("email=a&email=b", "application/x-www-form-urlencoded"))).rejects.toMatchObject({ status: 400 });
    await expect(readAuthBody(post("{", "application/json"))).rejects.toMatchObject({ status: 400 });
    await expect(readAuthBody(post("[]", "application/json"))).rejects.toMatchObject({ status: 400 });
    await expect(readAuthBody(post("email=a", "text/plain"))).rejects.toMatchObject({ status: 415 });
  });
});

describe("sign-in page error codes", () => {
  it("keeps known codes and turns other text into the generic one", () => {
    expect(knownSignInError("CredentialsSignin")).toBe("CredentialsSignin");
    expect(knownSignInError("SsoDomain")).toBe("SsoDomain");
    expect(knownSignInError("Call +1 555 0100 to unlock your account")).toBe("Default");
    expect(knownSignInError(["CredentialsSignin"])).toBeUndefined();
    expect(knownSignInError(undefined)).toBeUndefined();
  });
});
