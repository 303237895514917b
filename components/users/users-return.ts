"use client";

import { useSyncExternalStore } from "react";

const KEY = "roster:users:search";

/** Remembers the users page's search params, so "Back to Users" returns to the same view. */
export function rememberUsersSearch(search: string) {
  try {
    window.sessionStorage.setItem(KEY, search);
  } catch {
    // Storage unavailable: the back link goes to the plain users page.
  }
}

function read(): string {
  try {
    const search = window.sessionStorage.getItem(KEY);
    return search ? `/?${search}` : "/";
  } catch {
    return "/";
  }
}

const noSubscription = () => () => {};

/** Where "Back to Users" points: the users page as the operator left it. */
export function useUsersReturnHref(): string {
  return useSyncExternalStore(noSubscription, read, () => "/");
}
