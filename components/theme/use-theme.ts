"use client";

import { useCallback, useEffect, useSyncExternalStore } from "react";
import { THEME_CHOICES, THEME_STORAGE_KEY, type ThemeChoice } from "./theme-script";

const CHANGE_EVENT = "roster-theme-change";

function readChoice(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(THEME_STORAGE_KEY);
    return (THEME_CHOICES as readonly string[]).includes(stored ?? "") ? (stored as ThemeChoice) : "system";
  } catch {
    return "system";
  }
}

function subscribe(onChange: () => void) {
  const onStorage = (event: StorageEvent) => {
    if (event.key === THEME_STORAGE_KEY) onChange();
  };
  window.addEventListener("storage", onStorage);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onStorage);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

function prefersDark(): boolean {
  return window.matchMedia("(prefers-color-scheme: dark)").matches;
}

function applyChoice(choice: ThemeChoice) {
  const dark = choice === "dark" || (choice === "system" && prefersDark());
  document.documentElement.classList.toggle("dark", dark);
}

/** The stored theme choice ("system" until the operator picks one) and a setter. */
export function useTheme() {
  const choice = useSyncExternalStore(subscribe, readChoice, () => "system" as const);
  const setChoice = useCallback((next: ThemeChoice) => {
    try {
      if (next === "system") window.localStorage.removeItem(THEME_STORAGE_KEY);
      else window.localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Storage can be unavailable (private mode); the choice then lasts for this page only.
    }
    applyChoice(next);
    window.dispatchEvent(new Event(CHANGE_EVENT));
  }, []);
  return { choice, setChoice };
}

/** Keeps the `dark` class in step with the stored choice, other tabs and the system setting. */
export function useThemeSync() {
  const { choice } = useTheme();
  useEffect(() => {
    applyChoice(choice);
    if (choice !== "system") return;
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => applyChoice("system");
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, [choice]);
}
