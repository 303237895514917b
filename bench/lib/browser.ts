import { type Browser, type BrowserContext, type Page, chromium } from "@playwright/test";
import playwrightConfig from "../../playwright.config";
import { BENCH } from "./config";
import type { Session } from "./servers";

/**
 * Headless Chromium (Debian's, with the end-to-end tests' flags) and what the page
 * itself records: a script injected before any of the page's own watches the DOM and
 * notes, on the page's clock (0 = navigation start), when the first table row with a
 * person in it appeared, and every sync progress bar it saw on the way.
 */

export async function launch(): Promise<Browser> {
  const launchOptions = playwrightConfig.use?.launchOptions ?? {};
  return chromium.launch({ ...launchOptions, executablePath: BENCH.chromium });
}

export interface PageMarks {
  firstRow: number | null;
  progressbar: number | null;
  /** aria-label of every progress bar seen. */
  progressLabels: string[];
  /** Most progress bars on the page at one moment. */
  maxBars: number;
  /** Time of the last keydown, and of the first row change after it that matches `want`. */
  lastKey: number | null;
  changed: number | null;
}

declare global {
  interface Window {
    __bench: PageMarks & { want: string | null };
  }
}

/**
 * Runs in the page before its own scripts. Plain JavaScript text: a function would be
 * serialised after tsx compiled it, with helper calls the page does not have.
 */
const WATCH_PAGE = `(() => {
  const marks = { firstRow: null, progressbar: null, progressLabels: [], maxBars: 0, lastKey: null, changed: null, want: null };
  window.__bench = marks;
  const hasPersonRow = () => {
    for (const tr of document.querySelectorAll("tbody tr")) if ((tr.textContent || "").includes("@")) return true;
    return false;
  };
  const check = () => {
    const now = performance.now();
    const bars = document.querySelectorAll('[role="progressbar"]');
    if (bars.length) {
      if (marks.progressbar === null) marks.progressbar = now;
      marks.maxBars = Math.max(marks.maxBars, bars.length);
      for (const bar of bars) {
        const label = bar.getAttribute("aria-label") || "(no label)";
        if (!marks.progressLabels.includes(label)) marks.progressLabels.push(label);
      }
    }
    if (marks.firstRow === null && hasPersonRow()) marks.firstRow = now;
    if (marks.want !== null && marks.lastKey !== null && marks.changed === null) {
      const first = document.querySelector("tbody tr");
      if (first && (first.textContent || "").includes(marks.want)) marks.changed = now;
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  document.addEventListener("keydown", () => { marks.lastKey = performance.now(); }, true);
})();`;

/** A fresh browser context signed in with the session's cookies. */
export async function signedInContext(browser: Browser, session: Session): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies(session.cookies);
  await context.addInitScript({ content: WATCH_PAGE });
  return context;
}

export const marksOf = (page: Page): Promise<PageMarks> => page.evaluate(() => window.__bench);

export interface Visit extends PageMarks {
  /** The page's first `GET /api/users`: when it was sent and when its answer had arrived (page clock). */
  api: { sent: number; answered: number } | null;
}

/** Opens `/` and waits for the first row with a person; returns the page's marks. */
export async function openUsersPage(page: Page, baseUrl: string, timeoutMs = 180_000): Promise<Visit> {
  await page.goto(`${baseUrl}/`, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__bench?.firstRow !== null, undefined, { timeout: timeoutMs, polling: 50 });
  const api = await page.evaluate(() => {
    const entry = performance.getEntriesByType("resource").find((e) => e.name.includes("/api/users")) as
      PerformanceResourceTiming | undefined;
    return entry ? { sent: entry.startTime, answered: entry.responseEnd } : null;
  });
  return { ...(await marksOf(page)), api };
}

/** "users API sent at 2.1 s, answered at 3.4 s", for the log. */
export const describeApi = (v: Visit) =>
  v.api
    ? `GET /api/users sent at ${(v.api.sent / 1000).toFixed(2)} s, answered at ${(v.api.answered / 1000).toFixed(2)} s`
    : "no GET /api/users seen";

/** JS heap in use after a forced garbage collection, bytes. */
export async function heapAfterGc(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("HeapProfiler.enable");
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("Performance.enable");
  const { metrics } = await cdp.send("Performance.getMetrics");
  await cdp.detach();
  const used = metrics.find((m) => m.name === "JSHeapUsedSize")?.value;
  if (used === undefined) throw new Error("Chromium reported no JSHeapUsedSize");
  return used;
}

/** Table rows in the whole document, after scrolling to the bottom (a virtual list renders more there). */
export async function tableRowCount(page: Page): Promise<number> {
  const top = await page.evaluate(() => document.querySelectorAll("tr").length);
  await page.mouse.wheel(0, 100_000);
  await page.waitForTimeout(500);
  const bottom = await page.evaluate(() => document.querySelectorAll("tr").length);
  return Math.max(top, bottom);
}

/**
 * Types `prefix`, waits until the first row shows `before`, then presses the last key and
 * waits until the first row shows `after`. Returns ms from that keydown to the row, debounce included.
 */
export async function lastKeystrokeToRows(page: Page, term: string, before: string, after: string): Promise<number> {
  const box = page.getByLabel("Search people", { exact: true });
  const prefix = term.slice(0, -1);
  await box.fill(prefix);
  await page.waitForURL((url) => url.searchParams.get("q") === prefix, { timeout: 30_000 });
  await page.waitForFunction((want) => (document.querySelector("tbody tr")?.textContent ?? "").includes(want), before, {
    timeout: 30_000,
  });
  await page.waitForTimeout(300);
  await page.evaluate((want) => {
    window.__bench.want = want;
    window.__bench.lastKey = null;
    window.__bench.changed = null;
  }, after);
  await box.press(term.slice(-1));
  await page.waitForFunction(() => window.__bench.changed !== null, undefined, { timeout: 30_000, polling: 20 });
  const marks = await marksOf(page);
  await box.fill("");
  return marks.changed! - marks.lastKey!;
}
