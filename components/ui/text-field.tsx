import type { ComponentProps } from "react";
import { Input, Label } from "./input";

interface TextFieldProps extends ComponentProps<typeof Input> {
  id: string;
  label: string;
  /** What is wrong with the value (from the server, say): shown under the field, which is marked invalid. */
  error?: string;
  /** A note under the field. */
  hint?: string;
}

/** A labelled one-line text input for dialog forms (no browser autofill). */
export function TextField({ id, label, error, hint, ...props }: TextFieldProps) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="min-w-0 space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} autoComplete="off" aria-invalid={error ? true : undefined} aria-describedby={described} {...props} />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs break-words text-danger-text">
          {error}
        </p>
      ) : null}
    </div>
  );
}
