"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo } from "react";
import type { UsersQuery } from "@/lib/directory/types";
import { parseUsersQuery, usersQueryToSearchParams } from "@/lib/queries/users";
import { rememberUsersSearch } from "./users-return";

export interface SetUsersQueryOptions {
  /** Go back to page 1 (search, filter and sort changes do). */
  resetPage?: boolean;
}

/**
 * All users-table state lives in the URL (q, filters, sort, order, page, pageSize).
 * Reads go through the API's own parsing rules, so a hand-edited URL with bad values
 * falls back to defaults instead of breaking the page. Writes replace the history entry
 * with `history.replaceState`, which Next keeps in step with `useSearchParams` without a
 * server round trip, so a checkbox ticks and the next page starts loading at once.
 */
export function useUsersQueryState() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const query = useMemo(() => parseUsersQuery(searchParams), [searchParams]);
  const search = searchParams.toString();
  useEffect(() => rememberUsersSearch(search), [search]);

  const setQuery = useCallback(
    (patch: Partial<UsersQuery>, options: SetUsersQueryOptions = {}) => {
      // Start from the live URL, not the last render, so quick successive updates compose.
      const current = parseUsersQuery(new URLSearchParams(window.location.search));
      const next: UsersQuery = { ...current, ...patch };
      if (options.resetPage) next.page = 1;
      const search = usersQueryToSearchParams(next).toString();
      window.history.replaceState(null, "", search ? `${pathname}?${search}` : pathname);
    },
    [pathname],
  );

  const resetFilters = useCallback(
    () =>
      setQuery(
        {
          q: "",
          provider: undefined,
          role: undefined,
          status: undefined,
          kind: undefined,
          workspace: undefined,
          via: undefined,
          inactiveDays: undefined,
        },
        { resetPage: true },
      ),
    [setQuery],
  );

  return { query, setQuery, resetFilters };
}
