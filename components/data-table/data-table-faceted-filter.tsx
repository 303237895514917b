"use client";

import { PlusCircle, Search, X } from "lucide-react";
import { useId, useState, type KeyboardEvent, type ReactNode } from "react";
import { formatNumber } from "@/components/common/format";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/components/ui/cn";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";

export interface FacetOption {
  value: string;
  label: string;
  count?: number;
  /** Options with the same group are listed under one heading. */
  group?: string;
  icon?: ReactNode;
}

interface DataTableFacetedFilterProps {
  title: string;
  options: FacetOption[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
  /** Heading content per group key (defaults to the key). */
  groupLabel?: (group: string) => ReactNode;
}

/** Moves focus between the option checkboxes with the arrow keys, Home and End. */
function onListKeyDown(event: KeyboardEvent<HTMLDivElement>) {
  if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(event.key)) return;
  const boxes = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[role="checkbox"]'));
  if (boxes.length === 0) return;
  event.preventDefault();
  const current = boxes.indexOf(document.activeElement as HTMLElement);
  const next =
    event.key === "Home"
      ? 0
      : event.key === "End"
        ? boxes.length - 1
        : (current + (event.key === "ArrowDown" ? 1 : -1) + boxes.length) % boxes.length;
  boxes[next]?.focus();
}

function groupOptions(options: FacetOption[]): Array<[string, FacetOption[]]> {
  const groups = new Map<string, FacetOption[]>();
  for (const option of options) {
    const key = option.group ?? "";
    groups.set(key, [...(groups.get(key) ?? []), option]);
  }
  return [...groups.entries()];
}

/** A filter button opening a multi-select of checkboxes, with counts where known. */
export function DataTableFacetedFilter({ title, options, selected, onChange, groupLabel }: DataTableFacetedFilterProps) {
  const id = useId();
  const [filter, setFilter] = useState("");
  const chosen = new Set(selected);
  const needle = filter.trim().toLowerCase();
  const visible = needle ? options.filter((option) => option.label.toLowerCase().includes(needle)) : options;
  const chosenLabels = [...new Set(options.filter((option) => chosen.has(option.value)).map((option) => option.label))];

  function toggle(value: string, on: boolean) {
    const next = new Set(chosen);
    if (on) next.add(value);
    else next.delete(value);
    onChange([...next]);
  }

  return (
    <Popover onOpenChange={(open) => (open ? undefined : setFilter(""))}>
      <PopoverTrigger asChild>
        <Button
          aria-label={title}
          aria-describedby={chosen.size > 0 ? `${id}-summary` : undefined}
          className={cn("border-dashed", chosen.size > 0 && "border-solid")}
        >
          <PlusCircle aria-hidden className="text-muted-foreground" />
          {title}
          {chosen.size > 0 ? (
            <>
              <span aria-hidden className="mx-0.5 h-4 w-px bg-border-strong" />
              <span id={`${id}-summary`} className="flex items-center gap-1">
                <span className="sr-only">{`${chosen.size} selected: `}</span>
                {chosen.size > 2 ? (
                  <span className="rounded bg-muted px-1.5 py-0.5 text-xs font-medium text-foreground">{chosen.size} selected</span>
                ) : (
                  chosenLabels.map((label) => (
                    <span key={label} className="max-w-32 truncate rounded bg-muted px-1.5 py-0.5 text-xs font-medium text-foreground">
                      {label}
                    </span>
                  ))
                )}
              </span>
            </>
          ) : null}
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-72 p-0" aria-label={`${title} filter`}>
        {options.length > 8 ? (
          <div className="flex items-center gap-2 border-b border-border px-3">
            <Search aria-hidden className="size-3.5 text-muted-foreground" />
            <input
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
              aria-label={`Filter ${title.toLowerCase()} options`}
              placeholder={`Filter ${title.toLowerCase()}…`}
              className="h-9 min-w-0 flex-1 bg-transparent text-[13px] outline-none placeholder:text-muted-foreground"
            />
          </div>
        ) : null}
        <div role="group" aria-label={title} onKeyDown={onListKeyDown} className="max-h-96 overflow-y-auto p-1">
          {visible.length === 0 ? <p className="px-2 py-6 text-center text-[13px] text-muted-foreground">No options</p> : null}
          {groupOptions(visible).map(([group, items]) => (
            <div key={group || "all"} role={group ? "group" : undefined} aria-labelledby={group ? `${id}-g-${group}` : undefined}>
              {group ? (
                <div id={`${id}-g-${group}`} className="flex items-center gap-1.5 px-2 pt-2 pb-1 text-xs font-medium text-muted-foreground">
                  {groupLabel ? groupLabel(group) : group}
                </div>
              ) : null}
              {items.map((option) => {
                const optionId = `${id}-${group}-${option.value}`;
                return (
                  <label
                    key={optionId}
                    className="flex h-8 cursor-pointer items-center gap-2.5 rounded-md px-2 text-[13px] hover:bg-accent has-focus-visible:bg-accent"
                  >
                    <Checkbox
                      checked={chosen.has(option.value)}
                      onCheckedChange={(checked) => toggle(option.value, checked === true)}
                      aria-labelledby={`${optionId}-label`}
                      className="focus-visible:outline-offset-1"
                    />
                    {option.icon}
                    <span id={`${optionId}-label`} className="min-w-0 flex-1 truncate">
                      {option.label}
                    </span>
                    {option.count !== undefined ? (
                      <span className="tabular text-xs text-muted-foreground">{formatNumber(option.count)}</span>
                    ) : null}
                  </label>
                );
              })}
            </div>
          ))}
        </div>
        {chosen.size > 0 ? (
          <div className="border-t border-border p-1">
            <button
              type="button"
              onClick={() => onChange([])}
              className="flex h-8 w-full cursor-pointer items-center justify-center gap-1.5 rounded-md text-[13px] text-muted-foreground hover:bg-accent hover:text-foreground"
            >
              <X aria-hidden className="size-3.5" />
              Clear {title.toLowerCase()} filter
            </button>
          </div>
        ) : null}
      </PopoverContent>
    </Popover>
  );
}
