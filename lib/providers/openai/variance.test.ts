import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createReadReport } from "../read-report";
import { providerError } from "../test-helpers";
import { type OpenAITestSandbox, startOpenAISandbox } from "./test-sandbox";

/**
 * OpenAI answers shaped as real ones come (lib/providers/openai/sandbox-variance.ts),
 * read through the adapter over real HTTP: every item is kept with what is known, each
 * deviation kind is noted once with its count, and only an item without an id is dropped.
 */

let sb: OpenAITestSandbox;
let plain: { members: number; invites: number };
beforeAll(async () => {
  sb = await startOpenAISandbox(240);
  plain = { members: (await sb.adapter.listMembers()).length, invites: (await sb.adapter.listInvites()).length };
});
afterAll(() => sb.running.close());
beforeEach(() => sb.reset());

const vary = (...cases: string[]) => sb.running.variance.set(cases);
const attempts = (pattern: string) => sb.running.requests.filter((r) => r.pattern === pattern && r.method === "GET").length;

describe("OpenAI variance", () => {
  it("keeps invites without `projects` (the spec's list-invites example), noting how many", async () => {
    vary("invite-no-projects");
    const report = createReadReport();
    const invites = await sb.adapter.listInvites({ report });
    expect(invites).toHaveLength(plain.invites);
    const deviation = report.data().deviations.find((d) => d.kind === "invite.projects missing");
    expect(deviation?.count).toBeGreaterThanOrEqual(plain.invites);
    // One page of invites: read once, no retries.
    expect(attempts("/organization/invites")).toBe(1);
  });

  it("keeps a project role the spec's enum lacks, as spelled", async () => {
    vary("invite-project-role-unknown");
    const report = createReadReport();
    expect(await sb.adapter.listInvites({ report })).toHaveLength(plain.invites);
    expect(report.data().deviations).toContainEqual(expect.objectContaining({ kind: "invite.projects.role unknown", example: "viewer" }));
  });

  it("shows a role Roster has no catalogue entry for verbatim (`member`), and notes it", async () => {
    vary("user-role-member");
    const report = createReadReport();
    const members = await sb.adapter.listMembers({ report });
    expect(members).toHaveLength(plain.members);
    const unknown = members.filter((m) => m.role === "member");
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown[0]).toMatchObject({ role: "member", roleId: "member" });
    expect(report.data().deviations).toEqual([{ kind: "user.role unknown", count: unknown.length, example: "member" }]);
  });

  it("reads `added_at` in milliseconds or as ISO text without a zone as the same time", async () => {
    const before = new Map((await sb.adapter.listMembers()).map((m) => [m.id, m.addedAt]));
    vary("user-times-other-precision");
    const report = createReadReport();
    const members = await sb.adapter.listMembers({ report });
    for (const m of members) expect(m.addedAt, m.id).toBe(before.get(m.id));
    expect(report.data().deviations.map((d) => d.kind)).toEqual(["user.added_at other format"]);
  });

  it("keeps users without required fields, and ignores fields the spec does not list", async () => {
    vary("user-required-missing", "extra-fields");
    const report = createReadReport();
    const members = await sb.adapter.listMembers({ report });
    expect(members).toHaveLength(plain.members);
    expect(members.filter((m) => m.addedAt === null).length).toBeGreaterThan(0);
    expect(
      report
        .data()
        .deviations.map((d) => d.kind)
        .sort(),
    ).toEqual(["user.added_at missing", "user.object missing"]);
  });

  it("drops and counts a user without an id, and keeps reading the pages after it", async () => {
    vary("user-without-id");
    const report = createReadReport();
    const members = await sb.adapter.listMembers({ report });
    const pages = Math.ceil(plain.members / 100);
    expect(members).toHaveLength(plain.members - pages);
    expect(report.data().dropped).toBe(pages);
  });

  it("fails the read when invites are refused (the directory lists the members without them), without retrying", async () => {
    vary("invites-forbidden");
    const error = await providerError(sb.adapter.listInvites({ report: createReadReport() }));
    expect(error).toMatchObject({ status: 403 });
    expect(await sb.adapter.listMembers()).toHaveLength(plain.members);
  });
});
