import type { Column } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ChevronsUpDown } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { ServerTableFeatures } from "./features";

interface DataTableColumnHeaderProps<TData extends object, TValue> {
  column: Column<ServerTableFeatures, TData, TValue>;
  title: string;
  className?: string;
}

/** A header label that sorts its column when the column can sort (aria-sort is on the <th>). */
export function DataTableColumnHeader<TData extends object, TValue>({
  column,
  title,
  className,
}: DataTableColumnHeaderProps<TData, TValue>) {
  if (!column.getCanSort()) return <span className={className}>{title}</span>;
  const sorted = column.getIsSorted();
  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ChevronsUpDown;
  return (
    <button
      type="button"
      onClick={column.getToggleSortingHandler()}
      className={cn(
        "-mx-1.5 inline-flex h-7 cursor-pointer items-center gap-1 rounded-md px-1.5 transition-colors hover:bg-accent hover:text-foreground",
        sorted ? "text-foreground" : undefined,
        className,
      )}
    >
      {title}
      <Icon aria-hidden className={cn("size-3.5", sorted ? "opacity-100" : "opacity-50")} />
    </button>
  );
}
