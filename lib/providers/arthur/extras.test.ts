import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { poolPerson } from "../../sandbox/seed";
import { ProviderError } from "../errors";
import { type ArthurExtras, arthurExtras } from "./adapter";
import { type ArthurHarness, startArthurHarness } from "./test-harness";

let h: ArthurHarness;
let extras: ArthurExtras;
beforeAll(async () => {
  h = await startArthurHarness(240);
  extras = arthurExtras(h.connection);
});
afterEach(() => h.reset());
afterAll(() => h.close());

describe("Arthur extras", () => {
  it("creates a service account whose secret is shown once and never printed", async () => {
    const created = await extras.createServiceAccount("nightly-export");
    expect(created.account).toMatchObject({ name: "nightly-export", kind: "service_account", email: null });
    expect(created.credentials.kind).toBe("service_account");
    if (created.credentials.kind !== "service_account") return;
    const secret = created.credentials.clientSecret;
    expect(secret.reveal()).toMatch(/^[\w-]{20,}$/);
    const printed = [JSON.stringify(created), inspect(created, { depth: 5 }), String(secret), `${secret}`].join("\n");
    expect(printed).not.toContain(secret.reveal());
    expect(printed).toContain("[redacted]");

    const accounts = await extras.listServiceAccounts();
    expect(accounts.map((a) => a.name)).toContain("nightly-export");
    expect(accounts.every((a) => a.kind === "service_account")).toBe(true);
  });

  it("regenerates credentials: a new client secret for a service account, a password for a user", async () => {
    const { account, credentials } = await extras.createServiceAccount("rotating");
    const again = await extras.regenerateCredentials(account.id);
    expect(again.credentials.kind).toBe("service_account");
    if (again.credentials.kind === "service_account" && credentials.kind === "service_account") {
      expect(again.credentials.clientId).toBe(credentials.clientId);
      expect(again.credentials.clientSecret.reveal()).not.toBe(credentials.clientSecret.reveal());
    }
    const person = (await h.adapter.listMembers()).find((m) => m.kind === "person")!;
    expect((await extras.regenerateCredentials(person.id)).credentials.kind).toBe("user");
  });

  it("renames a service account, and refuses to rename a person", async () => {
    const { account } = await extras.createServiceAccount("old-name");
    expect((await extras.renameServiceAccount(account.id, "new-name")).name).toBe("new-name");
    expect((await h.adapter.getMember(account.id))!.name).toBe("new-name");
    const person = (await h.adapter.listMembers()).find((m) => m.kind === "person")!;
    const error = await extras.renameServiceAccount(person.id, "x").catch((e: ProviderError) => e);
    expect([(error as ProviderError).status, (error as ProviderError).message]).toEqual([400, "User is not a service account"]);
  });

  it("updates only the user details given", async () => {
    const founder = (await h.adapter.listMembers()).find((m) => m.email === poolPerson(2).email)!;
    const updated = await extras.updateUser(founder.id, { lastName: "Renamed" });
    expect(updated.name).toBe(`${poolPerson(2).firstName} Renamed`);
    expect(updated.email).toBe(poolPerson(2).email);
    expect(h.running.requests.at(-1)!.body).toEqual({ last_name: "Renamed" });
  });

  it("creates a user, and answers 409 for an email already in use", async () => {
    const created = await extras.createUser({
      firstName: "Nia",
      lastName: "Quinn",
      email: "nia.quinn@example.com",
      password: "once-only-1",
    });
    expect(created).toMatchObject({ name: "Nia Quinn", email: "nia.quinn@example.com", kind: "person" });
    expect(await h.adapter.getMember(created.id)).toMatchObject({ role: "", roleId: "" });
    const error = await extras
      .createUser({ firstName: "Nia", email: "NIA.QUINN@example.com", password: "x" })
      .catch((e: ProviderError) => e);
    expect([(error as ProviderError).status, (error as ProviderError).message]).toEqual([409, "A user with this email already exists"]);
  });

  it("accepts the caller's invitations (204)", async () => {
    await expect(extras.acceptInvites()).resolves.toBeUndefined();
    expect(h.running.requests.at(-1)).toMatchObject({ method: "POST", path: "/api/v1/users/me/accept-invite", status: 204 });
  });
});
