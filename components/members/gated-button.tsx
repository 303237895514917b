"use client";

import type { MouseEvent } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import type { ActionState } from "./membership-actions";

interface GatedButtonProps extends ButtonProps {
  state: ActionState;
}

/**
 * A button that, when the action is not allowed, stays focusable (aria-disabled rather
 * than disabled) so its tooltip can say why.
 */
export function GatedButton({ state, onClick, ...props }: GatedButtonProps) {
  if (state.enabled) return <Button onClick={onClick} {...props} />;
  return (
    <Tooltip content={state.reason ?? "Not available"}>
      <Button {...props} aria-disabled onClick={(event: MouseEvent<HTMLButtonElement>) => event.preventDefault()} />
    </Tooltip>
  );
}
