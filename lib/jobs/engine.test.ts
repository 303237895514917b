import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineQueue, jobs, startJobs, stopJobs } from "./engine";

/** pg-boss on PGlite, through Roster's engine: the same single connection Roster's own queries use. */
describe("job engine on PGlite", () => {
  let client: PGlite;
  // Creating a PGlite database (initdb) takes half a minute on a busy machine.
  beforeAll(async () => {
    client = await PGlite.create("memory://");
  }, 120_000);
  afterAll(async () => {
    await stopJobs(1_000);
    await client.close();
  });

  it("installs its schema beside Roster's tables, works jobs, retries a failing one, and runs a delayed one at its time", async () => {
    const seen: string[] = [];
    let failures = 0;
    defineQueue({
      name: "test-echo",
      handler: async ([job]) => {
        seen.push((job.data as { word: string }).word);
      },
    });
    defineQueue({
      name: "test-flaky",
      retryLimit: 2,
      retryDelay: 1,
      handler: async () => {
        if (failures++ === 0) throw new Error("first try fails");
        seen.push("flaky done");
      },
    });
    await client.exec("create table roster_own (id int)");
    await startJobs({ kind: "pglite", client });
    const boss = await jobs();
    await boss.send("test-echo", { word: "now" });
    await boss.send("test-echo", { word: "later" }, { startAfter: 2 });
    await boss.send("test-flaky", {});
    await expect.poll(() => seen.includes("now"), { timeout: 10_000 }).toBe(true);
    expect(seen).not.toContain("later");
    await expect.poll(() => seen.join(","), { timeout: 20_000 }).toMatch(/later/);
    await expect.poll(() => seen.join(","), { timeout: 20_000 }).toMatch(/flaky done/);
    expect(failures).toBe(2);
    // Roster's tables and pg-boss's schema share the database; Roster's connection still answers.
    const schemas = await client.query<{ n: string }>("select nspname as n from pg_namespace where nspname = 'pgboss'");
    expect(schemas.rows).toHaveLength(1);
    expect((await client.query("select count(*) from roster_own")).rows).toHaveLength(1);
  });

  it("stops gracefully: a job under way finishes before stop resolves", async () => {
    let finished = false;
    defineQueue({
      name: "test-slow",
      handler: async () => {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        finished = true;
      },
    });
    const boss = await jobs();
    await expect.poll(async () => (await boss.getQueue("test-slow")) !== null, { timeout: 10_000 }).toBe(true);
    await boss.send("test-slow", {});
    await expect.poll(async () => (await boss.findJobs("test-slow")).some((j) => j.state === "active"), { timeout: 10_000 }).toBe(true);
    await stopJobs(10_000);
    expect(finished).toBe(true);
  });
});
