"use client";

import { useQuery } from "@tanstack/react-query";
import { Download, LogOut, Moon, RefreshCw, Search, Sun, User, type LucideIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { Dialog } from "radix-ui";
import { type KeyboardEvent, useId, useMemo, useState } from "react";
import { apiFetch } from "@/lib/api/fetcher";
import { hasRole } from "@/lib/auth/roles";
import type { UsersResponse } from "@/lib/directory/types";
import { personHref } from "@/lib/queries/people";
import { cn } from "@/components/ui/cn";
import { useDebounced } from "@/components/invites/use-debounced";
import { providerLabel } from "@/components/providers/provider-meta";
import { useSyncProviders } from "@/components/providers/use-sync-providers";
import { NAV_ITEMS } from "@/components/shell/nav-config";
import { useOperator } from "@/components/shell/operator-context";
import { useTheme } from "@/components/theme/use-theme";
import { signOutToSignIn } from "@/components/auth/sign-out";

/**
 * The command palette: jump to a person (searched on the server, as the users list
 * searches), to a page, or run an action. A combobox over a listbox: arrows move, Enter
 * runs, Escape closes. Loaded on first open (components/command/command-palette-trigger.tsx).
 */

interface Command {
  id: string;
  group: "People" | "Pages" | "Actions";
  label: string;
  hint?: string;
  icon: LucideIcon;
  /** Extra words it answers to. */
  keywords?: string;
  run: () => void;
}

const MIN_SEARCH = 2;
const PEOPLE_SHOWN = 6;

function matches(command: Command, text: string): boolean {
  const needle = text.trim().toLowerCase();
  return !needle || `${command.label} ${command.keywords ?? ""}`.toLowerCase().includes(needle);
}

function usePeople(text: string, enabled: boolean) {
  const q = useDebounced(text.trim(), 150);
  const wanted = enabled && q.length >= MIN_SEARCH;
  const query = useQuery({
    queryKey: ["command-palette", "people", q],
    queryFn: ({ signal }) => apiFetch<UsersResponse>(`/api/users?q=${encodeURIComponent(q)}&pageSize=${PEOPLE_SHOWN}`, { signal }),
    enabled: wanted,
    staleTime: 30_000,
  });
  return { ...query, wanted, settled: q === text.trim() };
}

export function CommandPalette({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const router = useRouter();
  const operator = useOperator();
  const { choice, setChoice } = useTheme();
  const refresh = useSyncProviders();
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const people = usePeople(text, open);

  const close = () => {
    onOpenChange(false);
    setText("");
    setActive(0);
  };
  const go = (href: string) => () => router.push(href);

  const commands = useMemo<Command[]>(() => {
    const found: Command[] = (people.wanted ? (people.data?.people ?? []) : []).map((person) => ({
      id: `person:${person.key}`,
      group: "People",
      label: person.name || person.email || person.key,
      hint: [person.email, person.memberships.map((m) => providerLabel(m.provider)).join(", ")].filter(Boolean).join(" · "),
      icon: User,
      run: go(person.email ? personHref(person.email) : `/?q=${encodeURIComponent(person.name)}`),
    }));
    // "All people matching …" only while the search may still find someone, so that a search
    // that found nobody says "Nothing matches" instead of offering an empty list.
    if (people.wanted && (people.data?.total ?? 1) > 0) {
      found.push({
        id: "people:all",
        group: "People",
        label: `All people matching “${text.trim()}”`,
        icon: Search,
        run: go(`/?q=${encodeURIComponent(text.trim())}`),
      });
    }
    const pages: Command[] = NAV_ITEMS.filter((item) => !item.role || hasRole(operator.role, item.role)).map((item) => ({
      id: `page:${item.href}`,
      group: "Pages",
      label: item.label,
      hint: "Go to page",
      icon: item.icon,
      run: go(item.href),
    }));
    const dark = choice === "dark" || (choice === "system" && document.documentElement.classList.contains("dark"));
    const actions: Command[] = [
      {
        id: "action:export",
        group: "Actions",
        label: "Export people as CSV",
        keywords: "download csv access review",
        icon: Download,
        run: () => window.location.assign("/api/users/export"),
      },
      {
        id: "action:refresh",
        group: "Actions",
        label: "Refresh every provider",
        keywords: "sync reload",
        icon: RefreshCw,
        run: () => refresh.mutate(undefined),
      },
      {
        id: "action:theme",
        group: "Actions",
        label: dark ? "Switch to light theme" : "Switch to dark theme",
        keywords: "theme dark light mode",
        icon: dark ? Sun : Moon,
        run: () => setChoice(dark ? "light" : "dark"),
      },
      {
        id: "action:signout",
        group: "Actions",
        label: "Sign out",
        keywords: "log out logout",
        icon: LogOut,
        run: () => void signOutToSignIn(),
      },
    ];
    const named = [...pages, ...actions].filter((c) => matches(c, text));
    // A page or action whose name starts with what was typed comes first; people otherwise.
    const needle = text.trim().toLowerCase();
    const byName =
      needle &&
      named.some((c) => c.label.toLowerCase().startsWith(needle) || (c.keywords ?? "").split(" ").some((k) => k.startsWith(needle)));
    return byName ? [...named, ...found] : [...found, ...named];
    // `go` and `refresh` are stable enough for a list rebuilt on every keystroke anyway.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [people.data, people.wanted, text, operator.role, choice]);

  const current = Math.min(active, Math.max(0, commands.length - 1));
  const optionId = (i: number) => `${listId}-option-${i}`;
  const run = (command: Command | undefined) => {
    if (!command) return;
    close();
    command.run();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = commands.length - 1;
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && last >= 0) {
      event.preventDefault();
      const next = event.key === "ArrowDown" ? (current >= last ? 0 : current + 1) : current <= 0 ? last : current - 1;
      setActive(next);
      document.getElementById(optionId(next))?.scrollIntoView({ block: "nearest" });
    } else if (event.key === "Enter") {
      event.preventDefault();
      run(commands[current]);
    }
  };

  const status = !people.wanted
    ? text.trim()
      ? `Type ${MIN_SEARCH} letters or more to search people`
      : "Type a name or email to find a person"
    : people.isError
      ? `Could not search people: ${people.error.message}`
      : people.isFetching || !people.settled
        ? "Searching people…"
        : `${people.data?.total ?? 0} ${people.data?.total === 1 ? "person matches" : "people match"}`;
  // Sections in list order, so the arrows move down the screen.
  const groups: Array<{ group: Command["group"]; items: Array<{ c: Command; i: number }> }> = [];
  commands.forEach((c, i) => {
    const last = groups.at(-1);
    if (last?.group === c.group) last.items.push({ c, i });
    else groups.push({ group: c.group, items: [{ c, i }] });
  });

  return (
    <Dialog.Root open={open} onOpenChange={(next) => (next ? onOpenChange(true) : close())}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-black/45 backdrop-blur-[1px] dark:bg-black/60" />
        <Dialog.Content
          aria-describedby={`${listId}-status`}
          className="fixed inset-x-3 top-[10vh] z-50 mx-auto flex max-h-[76vh] max-w-xl flex-col overflow-hidden rounded-xl border border-border bg-surface-raised text-foreground shadow-2xl shadow-black/10 outline-none data-[state=open]:animate-fade-in dark:shadow-black/50"
        >
          <Dialog.Title className="sr-only">Command palette</Dialog.Title>
          <div className="flex items-center gap-2 border-b border-border px-3">
            <Search aria-hidden className="size-4 shrink-0 text-muted-foreground" />
            <input
              autoFocus
              role="combobox"
              aria-label="Search people, pages and actions"
              aria-expanded
              aria-controls={listId}
              aria-autocomplete="list"
              aria-activedescendant={commands.length ? optionId(current) : undefined}
              value={text}
              maxLength={200}
              onChange={(event) => {
                setText(event.target.value);
                setActive(0);
              }}
              onKeyDown={onKeyDown}
              placeholder="Find a person, a page or an action…"
              className="h-12 min-w-0 flex-1 bg-transparent text-[15px] outline-none placeholder:text-muted-foreground"
            />
            <kbd className="hidden rounded border border-border bg-subtle px-1.5 text-[11px] text-muted-foreground sm:inline">Esc</kbd>
          </div>
          <p id={`${listId}-status`} role="status" className="border-b border-border px-4 py-1.5 text-xs text-muted-foreground">
            {status}
          </p>
          <ul id={listId} role="listbox" aria-label="Results" className="min-h-0 flex-1 overflow-y-auto p-1.5">
            {commands.length === 0 ? (
              <li role="presentation" className="px-3 py-6 text-center text-sm text-muted-foreground">
                Nothing matches “{text.trim()}”.
              </li>
            ) : null}
            {groups.map(({ group, items }) =>
              items.length === 0 ? null : (
                <li key={group} role="presentation">
                  <div
                    id={`${listId}-${group}`}
                    className="px-2.5 pt-2 pb-1 text-[11px] font-medium tracking-wide text-muted-foreground uppercase"
                  >
                    {group}
                  </div>
                  <ul role="group" aria-labelledby={`${listId}-${group}`}>
                    {items.map(({ c, i }) => (
                      <li
                        key={c.id}
                        id={optionId(i)}
                        role="option"
                        aria-selected={i === current}
                        onMouseMove={() => setActive(i)}
                        onClick={() => run(c)}
                        className={cn(
                          "flex cursor-pointer items-center gap-2.5 rounded-md px-2.5 py-2 text-sm",
                          i === current ? "bg-accent text-accent-foreground" : "text-foreground",
                        )}
                      >
                        <c.icon aria-hidden className="size-4 shrink-0 text-muted-foreground" />
                        <span className="min-w-0 truncate">{c.label}</span>
                        {c.hint ? <span className="ml-auto min-w-0 truncate pl-3 text-xs text-muted-foreground">{c.hint}</span> : null}
                      </li>
                    ))}
                  </ul>
                </li>
              ),
            )}
          </ul>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
