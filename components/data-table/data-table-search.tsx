"use client";

import { Search, X } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { inputClassName } from "@/components/ui/input";

interface DataTableSearchProps {
  /** The committed value (from the URL). */
  value: string;
  /** Called with the trimmed text, debounced while typing. */
  onChange: (value: string) => void;
  label: string;
  placeholder: string;
  debounceMs?: number;
  className?: string;
  /** For a visible `<label htmlFor>`. */
  id?: string;
  /** The longest text the API takes: the box stops there and says so. */
  maxLength: number;
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Search box: debounced, "/" focuses it from anywhere on the page, Escape clears it. */
export function DataTableSearch({ value, onChange, label, placeholder, debounceMs = 100, className, id, maxLength }: DataTableSearchProps) {
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [text, setText] = useState(value);
  // What this box last committed, and the last value seen from outside, to tell our own
  // URL round trip apart from an outside change (a "Reset", say) that must replace the text.
  const [committed, setCommitted] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== committed) {
      setCommitted(value);
      setText(value);
    }
  }

  function commit(next: string) {
    clearTimeout(timer.current);
    const trimmed = next.trim();
    setCommitted(trimmed);
    if (trimmed !== value) onChange(trimmed);
  }

  function onType(next: string) {
    setText(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => commit(next), debounceMs);
  }

  useEffect(() => () => clearTimeout(timer.current), []);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "/" || event.metaKey || event.ctrlKey || event.altKey || event.defaultPrevented) return;
      if (isEditable(event.target)) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <div className={cn("relative", className)}>
      <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
      <input
        ref={inputRef}
        id={id}
        type="search"
        value={text}
        onChange={(event) => onType(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            if (text) {
              event.preventDefault();
              event.stopPropagation();
              setText("");
              commit("");
            } else {
              inputRef.current?.blur();
            }
          } else if (event.key === "Enter") {
            commit(text);
          }
        }}
        aria-label={label}
        aria-describedby={text.length >= maxLength ? hintId : undefined}
        maxLength={maxLength}
        aria-keyshortcuts="/"
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        className={cn(inputClassName, "peer h-8 pr-8 pl-8 text-[13px] [&::-webkit-search-cancel-button]:hidden")}
      />
      {text ? (
        <button
          type="button"
          aria-label="Clear search"
          onClick={() => {
            setText("");
            commit("");
            inputRef.current?.focus();
          }}
          className="absolute top-1/2 right-1.5 flex size-5 -translate-y-1/2 cursor-pointer items-center justify-center rounded text-muted-foreground hover:bg-accent hover:text-foreground"
        >
          <X aria-hidden className="size-3.5" />
        </button>
      ) : (
        <kbd
          aria-hidden
          className="pointer-events-none absolute top-1/2 right-2 hidden h-5 -translate-y-1/2 items-center rounded border border-border bg-subtle px-1.5 font-mono text-[11px] text-muted-foreground peer-focus:hidden sm:flex"
        >
          /
        </kbd>
      )}
      {text.length >= maxLength ? (
        <p
          id={hintId}
          role="status"
          className="absolute top-full left-0 z-10 mt-1 rounded-md border border-border bg-popover px-2 py-1 text-xs text-muted-foreground shadow-sm"
        >
          Searches stop at {maxLength} characters
        </p>
      ) : null}
    </div>
  );
}
