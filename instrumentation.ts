/** Runs once when a Roster server starts (never during `next build`); see lib/startup.ts. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startRoster } = await import("./lib/startup");
    await startRoster();
  }
}
