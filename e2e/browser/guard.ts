import type { Browser, BrowserContext, ConsoleMessage } from "@playwright/test";
import { test as base } from "../fixtures";

/**
 * Every browser test fails on a console error or an uncaught page error (a React error such
 * as a hydration mismatch, #418, is one of those): the `consoleGuard` fixture listens on the
 * test's context and on every context the test opens with `browser.newContext`, and checks
 * after the test. A refusal the page handles (an API answer 4xx the test provokes) is not an
 * error; anything else a test expects it names with `consoleGuard.allow(/pattern/)`.
 */

export interface ConsoleGuard {
  /** Errors matching this pattern are expected in this test. */
  allow(pattern: RegExp): void;
}

/** Chromium reports every 4xx fetch answer; the API's 4xx are answers the page shows, not faults. */
function isHandledApiRefusal(message: ConsoleMessage): boolean {
  if (!/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return false;
  try {
    return new URL(message.location().url).pathname.startsWith("/api/");
  } catch {
    return false;
  }
}

function watch(context: BrowserContext, problems: string[]) {
  context.on("console", (message) => {
    if (message.type() !== "error" || isHandledApiRefusal(message)) return;
    const where = message.location().url;
    problems.push(`console error: ${message.text()}${where ? ` (${where})` : ""}`);
  });
  context.on("weberror", (error) => problems.push(`page error: ${error.error().stack ?? error.error().message}`));
}

export const test = base.extend<{ consoleGuard: ConsoleGuard }>({
  consoleGuard: [
    async ({ browser, context }, use) => {
      const problems: string[] = [];
      const allowed: RegExp[] = [];
      watch(context, problems);
      const open = browser.newContext.bind(browser) as Browser["newContext"];
      browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
        const opened = await open(...args);
        watch(opened, problems);
        return opened;
      };
      try {
        await use({ allow: (pattern) => allowed.push(pattern) });
      } finally {
        browser.newContext = open;
      }
      const unexpected = problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem)));
      base.expect(unexpected, "console errors and page errors during the test").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect, apiAs, freshWorld, inFreshWorld, sandbox, signIn, signInPage } from "../fixtures";
