/** Joins class names, skipping falsy parts. Components keep their own classes conflict-free. */
export function cn(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(" ");
}
