/** Runs once when a Roster server starts (never during `next build`); see lib/startup.ts. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First, so every request carries its socket address (lib/auth/client-address.ts).
    (await import("./lib/auth/client-address")).stampClientAddresses();
    const { startRoster } = await import("./lib/startup");
    await startRoster();
  }
}
