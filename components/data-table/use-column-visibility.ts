"use client";

import { functionalUpdate, type ColumnVisibilityState, type Updater } from "@tanstack/react-table";
import { useCallback, useMemo, useSyncExternalStore } from "react";

const CHANGE_EVENT = "roster-column-visibility";
/** Used when localStorage is unavailable, so toggles still work for the session. */
const memory = new Map<string, string>();

function storageKey(tableId: string) {
  return `roster:table:${tableId}:columns`;
}

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return memory.get(key) ?? null;
  }
}

function write(key: string, value: string) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    memory.set(key, value);
  }
  window.dispatchEvent(new CustomEvent(CHANGE_EVENT, { detail: key }));
}

function parse(raw: string | null): ColumnVisibilityState {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter(([, visible]) => typeof visible === "boolean"));
  } catch {
    return {};
  }
}

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

/**
 * Column visibility for one table, kept in localStorage under the table's id, so hidden
 * columns stay hidden across reloads (and in step across tabs).
 */
export function useColumnVisibility(tableId: string, defaults?: ColumnVisibilityState) {
  const key = storageKey(tableId);
  const raw = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => null,
  );
  const visibility = useMemo(() => ({ ...defaults, ...parse(raw) }), [defaults, raw]);
  const setVisibility = useCallback(
    (updater: Updater<ColumnVisibilityState>) => {
      const next = functionalUpdate(updater, { ...defaults, ...parse(read(key)) });
      write(key, JSON.stringify(next));
    },
    [defaults, key],
  );
  return [visibility, setVisibility] as const;
}
