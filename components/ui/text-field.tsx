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
  const full = atLimit(props.value, props.maxLength);
  const described =
    [hint ? `${id}-hint` : null, full ? `${id}-limit` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="min-w-0 space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} autoComplete="off" aria-invalid={error ? true : undefined} aria-describedby={described} {...props} />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {full ? <LengthHint id={`${id}-limit`} max={props.maxLength!} /> : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs break-words text-danger-text">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function atLimit(value: unknown, max: number | undefined): boolean {
  return max !== undefined && typeof value === "string" && value.length >= max;
}

/** Said under a field whose text reached its `maxLength`, so the stop is not silent. */
export function LengthHint({ id, max }: { id?: string; max: number }) {
  return (
    <p id={id} role="status" className="text-xs text-muted-foreground" data-testid="length-limit">
      At most {max.toLocaleString("en-US")} characters
    </p>
  );
}

/** The hint for a text area: shown once `value` reaches `max`. */
export function LengthLimit({ id, value, max }: { id?: string; value: string; max: number }) {
  return atLimit(value, max) ? <LengthHint id={id} max={max} /> : null;
}
