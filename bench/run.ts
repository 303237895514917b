/**
 * `npm run bench`: measures every figure of issue 5 against the sandboxes and Roster's
 * production build, and prints one table (medians of repeated runs). See bench/lib/config.ts
 * for the sizes and how to override them (BENCH_QUICK=1 for a quick smoke run).
 */
import os from "node:os";
import type { Browser } from "@playwright/test";
import { measureApiLoad } from "./lib/api-load";
import { launch } from "./lib/browser";
import { measureChanges, waitSynced } from "./lib/changes";
import { measureBulk } from "./lib/jobs";
import { BENCH, wants } from "./lib/config";
import { measureServerMemory } from "./lib/memory";
import { measureUsersPage } from "./lib/pages";
import { LOG_DIR, stopAll } from "./lib/procs";
import { type Roster, type Sandboxes, api, newDataDir, signIn, startRoster, startSandboxes } from "./lib/servers";
import { measureStarts } from "./lib/starts";
import { type Row, failedRow, log, renderTable } from "./lib/stats";
import { measureSync } from "./lib/sync";

const rows: Row[] = [];

/** Runs one measurement; a failure becomes a row saying so, and the others still run. */
async function guard(figure: string, target: string, measure: () => Promise<Row[]>): Promise<void> {
  try {
    rows.push(...(await measure()));
  } catch (error) {
    console.error(`[bench] ${figure} failed:`, error);
    rows.push(failedRow(figure, target, error));
  }
}

let browser: Browser | null = null;
const chromium = async () => (browser ??= await launch());

async function phaseSmall() {
  if (!wants("sync") && !wants("start") && !wants("changes")) return;
  const sandboxes = await startSandboxes(BENCH.ports.sandboxSync, BENCH.syncUsers, BENCH.latencyMs);
  if (wants("sync")) await guard("cold sync", "≤ 1.15 × floor", () => measureSync(sandboxes, `${BENCH.syncUsers}`));
  let roster: Roster | null = null;
  if (wants("start")) {
    await guard("users page after a cold / warm start", "first provider ready; at once", async () => {
      const result = await measureStarts(await chromium(), sandboxes, BENCH.ports.roster);
      roster = result.roster;
      return result.rows;
    });
  }
  if (wants("changes")) {
    await guard("provider list reads after changes", "0", async () => {
      roster ??= await startRoster({ port: BENCH.ports.roster, sandboxes, dataDir: newDataDir() });
      return measureChanges(await signIn(roster.baseUrl), sandboxes);
    });
  }
  await (roster as Roster | null)?.proc.stop();
  await sandboxes.proc.stop();
}

async function phaseLarge() {
  if (!wants("sync") && !wants("memory")) return;
  const sandboxes: Sandboxes = await startSandboxes(BENCH.ports.sandboxLarge, BENCH.largeUsers, BENCH.latencyMs);
  if (wants("sync")) await guard("cold sync, large", "≤ 1.15 × floor", () => measureSync(sandboxes, `${BENCH.largeUsers}`));
  if (wants("memory")) {
    await guard("server RSS", "≤ 350 MB", async () => {
      const roster = await startRoster({ port: BENCH.ports.roster, sandboxes, dataDir: newDataDir() });
      try {
        return await measureServerMemory(roster, await signIn(roster.baseUrl), BENCH.largeUsers);
      } finally {
        await roster.proc.stop();
      }
    });
  }
  await sandboxes.proc.stop();
}

async function phaseQuery() {
  if (!wants("api") && !wants("browser") && !wants("jobs")) return;
  const sandboxes = await startSandboxes(BENCH.ports.sandboxQuery, BENCH.queryUsers, BENCH.latencyMs);
  const roster = await startRoster({ port: BENCH.ports.roster, sandboxes, dataDir: newDataDir() });
  const session = await signIn(roster.baseUrl);
  await waitSynced(session);
  if (wants("api")) await guard("GET /api/users under load", "p95 ≤ 30 ms", () => measureApiLoad(session));
  if (wants("browser")) {
    await guard("users page with a large directory", "≤ 1 s; ≤ 150 ms; ≤ 200 rows; ≤ 250 kB; ≤ 30 MiB", async () => {
      const { total } = await api<{ total: number }>(session, "GET", "/api/users?pageSize=1");
      return measureUsersPage(await chromium(), session, total);
    });
  }
  // Last: its role changes alter the directory the figures above read.
  if (wants("jobs"))
    await guard("bulk of 1,000 role changes through the job engine", "≥ 10 changes/s", () => measureBulk(session, sandboxes));
  await roster.proc.stop();
  await sandboxes.proc.stop();
}

async function main() {
  const started = new Date();
  const cpu = os.cpus();
  const machine = `${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  log(`Roster benchmark${BENCH.quick ? " (BENCH_QUICK: small sizes, figures are not comparable)" : ""}; logs in ${LOG_DIR}`);
  log(
    `machine: ${machine}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  try {
    await phaseSmall();
    await phaseLarge();
    await phaseQuery();
  } finally {
    await browser?.close();
    await stopAll();
  }
  const minutes = ((Date.now() - started.getTime()) / 60_000).toFixed(1);
  log(
    `load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log(
    `\nRoster benchmark, ${started.toISOString().slice(0, 16).replace("T", " ")} UTC, ${machine}, ${minutes} min${BENCH.quick ? ", BENCH_QUICK" : ""}\n`,
  );
  console.log(renderTable(rows));
  process.exitCode = rows.some((r) => r.verdict === "error") ? 1 : 0;
}

main().catch(async (error) => {
  console.error(error);
  await stopAll();
  process.exit(1);
});
