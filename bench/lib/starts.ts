import type { Browser } from "@playwright/test";
import { describeApi, openUsersPage, signedInContext } from "./browser";
import { BENCH } from "./config";
import { waitSynced } from "./changes";
import { type Roster, type Sandboxes, newDataDir, signIn, startRoster } from "./servers";
import { type Row, fmt, log, median, verdict } from "./stats";

/**
 * Figures 2 and 3: the users page right after Roster starts. Cold: a new data directory,
 * so no snapshot at all. Warm: Roster stopped and started again on the same data
 * directory, so the last snapshot is there (if Roster keeps one).
 */

interface Visit {
  firstRowMs: number;
  progressbarMs: number | null;
  labels: string[];
  maxBars: number;
  api: string;
}

async function visit(browser: Browser, roster: Roster, screenshot?: string): Promise<Visit> {
  const session = await signIn(roster.baseUrl);
  const context = await signedInContext(browser, session);
  try {
    const page = await context.newPage();
    const marks = await openUsersPage(page, roster.baseUrl);
    // What the page looks like while the slowest provider is still being read.
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true }).catch(() => undefined);
    // Let the sync finish, so a warm restart finds a whole snapshot.
    await waitSynced(session);
    return {
      firstRowMs: marks.firstRow!,
      progressbarMs: marks.progressbar,
      labels: marks.progressLabels,
      maxBars: marks.maxBars,
      api: describeApi(marks),
    };
  } finally {
    await context.close();
  }
}

function describe(v: Visit) {
  const bars =
    v.progressbarMs === null ? "no progress bar" : `${v.maxBars} progress bar(s) at ${fmt.ms(v.progressbarMs)}: ${v.labels.join(", ")}`;
  return `${bars}; ${v.api}`;
}

/** Returns the rows, and a Roster left running on a warm data directory (for the change figures). */
export async function measureStarts(browser: Browser, sandboxes: Sandboxes, port: number): Promise<{ rows: Row[]; roster: Roster }> {
  const cold: Visit[] = [];
  const warm: Visit[] = [];
  let roster: Roster | null = null;
  try {
    for (let i = 0; i < BENCH.slowRepeats; i++) {
      if (roster) await roster.proc.stop();
      const dataDir = newDataDir();
      roster = await startRoster({ port, sandboxes, dataDir });
      log(`cold start ${i + 1}: Roster up in ${fmt.ms(roster.startMs)}`);
      cold.push(await visit(browser, roster, i === 0 ? "screenshots/bench-cold-start.png" : undefined));
      log(`cold start ${i + 1}: first rows ${fmt.ms(cold.at(-1)!.firstRowMs)}, ${describe(cold.at(-1)!)}`);
      await roster.proc.stop();
      roster = await startRoster({ port, sandboxes, dataDir });
      warm.push(await visit(browser, roster));
      log(`warm restart ${i + 1}: first rows ${fmt.ms(warm.at(-1)!.firstRowMs)}, ${describe(warm.at(-1)!)}`);
    }
  } catch (error) {
    await roster?.proc.stop();
    throw error;
  }
  const coldMs = median(cold.map((v) => v.firstRowMs));
  const warmMs = median(warm.map((v) => v.firstRowMs));
  const bars = cold.every((v) => v.maxBars > 0);
  const perProvider = cold.every((v) => v.labels.filter((l) => /sync progress$/.test(l)).length >= 1);
  // Astronomer and Arthur are ready after a few round trips; OpenAI's cursor takes ceil(n/100) of them.
  const openaiMs = Math.ceil(sandboxes.users / 100) * sandboxes.latencyMs;
  const where = `${fmt.int(sandboxes.users)} members each, ${sandboxes.latencyMs} ms latency`;
  return {
    roster: roster!,
    rows: [
      {
        figure: `users page after a cold start, navigation → first rows (${where})`,
        measured: `${fmt.ms(coldMs)}; ${bars ? `progress bars: ${cold[0].labels.join(", ")}` : "no progress bar"}`,
        target: `first provider ready (before OpenAI's ${fmt.ms(openaiMs)} cursor chain ends); a progress bar per syncing provider`,
        ratio: `${fmt.ratio(coldMs / openaiMs)} OpenAI floor`,
        verdict: verdict(coldMs < openaiMs && bars && perProvider),
      },
      {
        figure: "users page after a warm restart (same data dir), navigation → first rows",
        measured: fmt.ms(warmMs),
        target: "the last snapshot at once (≤ 1 s)",
        ratio: `${fmt.ratio(warmMs / coldMs)} cold`,
        verdict: verdict(warmMs <= 1000),
      },
    ],
  };
}
