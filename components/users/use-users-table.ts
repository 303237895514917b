"use client";

import {
  functionalUpdate,
  useTable,
  type OnChangeFn,
  type PaginationState,
  type RowSelectionState,
  type SortingState,
} from "@tanstack/react-table";
import { useCallback, useMemo, useState } from "react";
import { SORT_FIELDS, type SortField } from "@/lib/directory/constants";
import type { Person, UsersQuery, UsersResponse } from "@/lib/directory/types";
import { isShiftClick, serverTableFeatures } from "@/components/data-table/features";
import { useColumnVisibility } from "@/components/data-table/use-column-visibility";
import type { SetUsersQueryOptions } from "./use-users-query-state";
import { usersColumns } from "./users-columns";

/** Stable fallback: v9 must not get a new `[]` on every render. */
const EMPTY_PEOPLE: Person[] = [];

interface Selection {
  keys: RowSelectionState;
  people: ReadonlyMap<string, Person>;
}

const EMPTY_SELECTION: Selection = { keys: {}, people: new Map() };

const getRowId = (person: Person) => person.key;

function isSortField(id: string | undefined): id is SortField {
  return (SORT_FIELDS as readonly string[]).includes(id ?? "");
}

interface UseUsersTableOptions {
  query: UsersQuery;
  data: UsersResponse | undefined;
  setQuery: (patch: Partial<UsersQuery>, options?: SetUsersQueryOptions) => void;
}

/**
 * The users table: the server sorts and pages (state in the URL), the browser keeps the
 * row selection and the column visibility (in localStorage).
 */
export function useUsersTable({ query, data, setQuery }: UseUsersTableOptions) {
  // Selected rows by key, with the person each key stood for when it was ticked, so a
  // selection that spans pages still knows who is in it.
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const rowSelection = selection.keys;
  const [columnVisibility, setColumnVisibility] = useColumnVisibility("users");

  const sorting = useMemo<SortingState>(() => [{ id: query.sort, desc: query.order === "desc" }], [query.sort, query.order]);
  const pagination = useMemo<PaginationState>(
    () => ({ pageIndex: query.page - 1, pageSize: query.pageSize }),
    [query.page, query.pageSize],
  );

  const onSortingChange: OnChangeFn<SortingState> = (updater) => {
    const next = functionalUpdate(updater, sorting)[0];
    setQuery({ sort: isSortField(next?.id) ? next.id : "name", order: next?.desc ? "desc" : "asc" }, { resetPage: true });
  };

  const onPaginationChange: OnChangeFn<PaginationState> = (updater) => {
    const next = functionalUpdate(updater, pagination);
    if (next.pageSize !== pagination.pageSize) {
      // Keep the first row of the current page in view.
      const firstRow = pagination.pageIndex * pagination.pageSize;
      setQuery({ pageSize: next.pageSize, page: Math.floor(firstRow / next.pageSize) + 1 });
    } else {
      setQuery({ page: Math.max(1, next.pageIndex + 1) });
    }
  };

  const onRowSelectionChange: OnChangeFn<RowSelectionState> = (updater) =>
    setSelection((previous) => {
      const keys = functionalUpdate(updater, previous.keys);
      const onPage = new Map((data?.people ?? []).map((person) => [person.key, person]));
      const people = new Map<string, Person>();
      for (const [key, selected] of Object.entries(keys)) {
        const person = selected ? (onPage.get(key) ?? previous.people.get(key)) : undefined;
        if (person) people.set(key, person);
      }
      return { keys, people };
    });

  const table = useTable({
    features: serverTableFeatures,
    columns: usersColumns,
    data: data?.people ?? EMPTY_PEOPLE,
    getRowId,
    rowCount: data?.total ?? 0,
    manualSorting: true,
    manualPagination: true,
    autoResetPageIndex: false,
    enableSortingRemoval: false,
    enableMultiSort: false,
    isRowRangeSelectionEvent: isShiftClick,
    state: { sorting, pagination, rowSelection, columnVisibility },
    onSortingChange,
    onPaginationChange,
    onRowSelectionChange,
    onColumnVisibilityChange: setColumnVisibility,
  });

  const clearSelection = useCallback(() => setSelection(EMPTY_SELECTION), []);
  const selectedCount = Object.values(rowSelection).filter(Boolean).length;
  // The freshest copy of each selected person: from this page when it is on it.
  const selectedPeople = useMemo(() => {
    const onPage = new Map((data?.people ?? []).map((person) => [person.key, person]));
    return [...selection.people.entries()].map(([key, person]) => onPage.get(key) ?? person);
  }, [data?.people, selection.people]);
  return { table, selectedCount, selectedPeople, clearSelection };
}
