import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False while the page is the server's HTML (and while React hydrates it), true once its
 * script runs. A page rendered with its data on the server looks ready before its controls
 * work; they say so by being disabled until then.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
