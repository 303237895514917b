import type { ComponentProps } from "react";
import { Input, Label } from "./input";

/** A labelled one-line text input for dialog forms (no browser autofill). */
export function TextField({ id, label, ...props }: { id: string; label: string } & ComponentProps<typeof Input>) {
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} autoComplete="off" {...props} />
    </div>
  );
}
