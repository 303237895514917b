import { hashHex } from "./seed";

/**
 * When a seeded sandbox person was last active, deterministic per person and per UTC day:
 * dated back from the start of the current UTC day (like pending invites), so the demo
 * always shows a mix of recent, 30+ and 90+ days inactive and never-active people.
 * Founders (index < 4) were active today. null: never active.
 */
const DAY_MS = 86_400_000;

export function startOfUtcDay(now = Date.now()): number {
  return Math.floor(now / DAY_MS) * DAY_MS;
}

/** Days before today; null for never. Spread: 55 % within 30 days, 20 % 30–89, 17 % 90–365, 8 % never. */
export function seedInactiveDays(key: string, index: number): number | null {
  if (index < 4) return 0;
  const roll = parseInt(hashHex(`activity:${key}`, 8), 16) / 0x1_0000_0000;
  if (roll < 0.55) return Math.floor((roll / 0.55) * 30);
  if (roll < 0.75) return 30 + Math.floor(((roll - 0.55) / 0.2) * 60);
  if (roll < 0.92) return 90 + Math.floor(((roll - 0.75) / 0.17) * 275);
  return null;
}

/** The seeded last activity as epoch milliseconds (an hour into its day), or null for never. */
export function seedLastActiveMs(key: string, index: number, now = Date.now()): number | null {
  const days = seedInactiveDays(key, index);
  return days === null ? null : startOfUtcDay(now) - days * DAY_MS + 3_600_000;
}
