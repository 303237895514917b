/**
 * Telling Roster's own objects apart across Next's server layers. Route handlers, server
 * components, server-side rendering and instrumentation each load their own copy of every
 * module, and what the server shares through globalThis (the providers, caches, the
 * snapshot store) was built by whichever layer asked first. An object from another layer
 * fails `instanceof` against this layer's class, so classes that cross are recognised by a
 * brand instead: a property under a `Symbol.for` key, which is the same key in every copy.
 */

export type Brand = symbol;

/** The brand named `roster.<name>`, the same symbol in every copy of every module. */
export function brand(name: string): Brand {
  return Symbol.for(`roster.${name}`);
}

/** Whether `value` carries the brand (set by any copy of its class). */
export function hasBrand(value: unknown, key: Brand): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[key] === true;
}

/** Marks `target` with the brand; not enumerable, so it never shows in JSON or logs. */
export function setBrand(target: object, key: Brand): void {
  Object.defineProperty(target, key, { value: true, enumerable: false });
}
