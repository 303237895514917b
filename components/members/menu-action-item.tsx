"use client";

import { useId, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { DropdownMenuItem, DropdownMenuItemHint } from "@/components/ui/dropdown-menu";
import type { ActionState } from "./membership-actions";

interface MenuActionItemProps {
  state: ActionState;
  label: string;
  icon: ReactNode;
  onSelect: () => void;
  destructive?: boolean;
}

/** A menu item named by what it does; when disabled, a second line (its description) says why. */
export function MenuActionItem({ state, label, icon, onSelect, destructive = false }: MenuActionItemProps) {
  const id = useId();
  const reason = state.enabled ? undefined : state.reason;
  return (
    <DropdownMenuItem
      disabled={!state.enabled}
      onSelect={onSelect}
      aria-labelledby={`${id}-label`}
      aria-describedby={reason ? `${id}-reason` : undefined}
      className={cn(
        reason && "h-auto items-start py-1.5 [&>svg]:mt-0.5",
        destructive && "text-danger-text data-[highlighted]:bg-danger-subtle data-[highlighted]:text-danger-text",
      )}
    >
      {icon}
      <span className="min-w-0">
        <span id={`${id}-label`}>{label}</span>
        {reason ? <DropdownMenuItemHint id={`${id}-reason`}>{reason}</DropdownMenuItemHint> : null}
      </span>
    </DropdownMenuItem>
  );
}
