"use client";

import { useSyncExternalStore } from "react";

/** One shared clock for relative times, ticking every 30 s while anything shows one. */
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function tick() {
  now = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(tick, 30_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const getSnapshot = () => now;
/** The server's HTML (and the browser's hydration of it) knows no "now": see `useNow`. */
const getServerSnapshot = () => null;

/**
 * The browser's clock, or `null` while the page is the server's HTML and React hydrates it.
 * The server and the browser never agree on "now" (nor on the time zone), so whatever depends
 * on it renders a zone-fixed absolute form first and switches once the page runs.
 */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}
