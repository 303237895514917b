"use client";

import { Eye, EyeOff, Wand2 } from "lucide-react";
import { useState } from "react";
import { CopyButton } from "@/components/common/copy-button";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** A random password from the browser's CSPRNG (it never leaves the form but to the server). */
export function generatePassword(length = 20): string {
  const bytes = crypto.getRandomValues(new Uint32Array(length));
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

interface PasswordFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  minLength: number;
  disabled?: boolean;
  hint: string;
}

/** A one-time password: typed or generated, shown on demand, copyable to pass on. */
export function PasswordField({ id, label, value, onChange, minLength, disabled, hint }: PasswordFieldProps) {
  const [visible, setVisible] = useState(false);
  const short = value.length > 0 && value.length < minLength;
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex items-center gap-1.5">
        <Input
          id={id}
          type={visible ? "text" : "password"}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          minLength={minLength}
          maxLength={256}
          required
          autoComplete="new-password"
          disabled={disabled}
          aria-invalid={short || undefined}
          aria-describedby={`${id}-hint`}
          className="font-mono"
        />
        <Button
          variant="ghost"
          size="icon"
          onClick={() => setVisible((v) => !v)}
          aria-label={visible ? "Hide password" : "Show password"}
          disabled={disabled}
        >
          {visible ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
        </Button>
        {value ? <CopyButton value={value} label="Copy password" className="size-8" /> : null}
        <Button
          onClick={() => {
            onChange(generatePassword());
            setVisible(true);
          }}
          disabled={disabled}
        >
          <Wand2 aria-hidden />
          Generate
        </Button>
      </div>
      <p id={`${id}-hint`} className={short ? "text-xs text-danger-text" : "text-xs text-muted-foreground"}>
        {short ? `At least ${minLength} characters (${value.length} so far).` : hint}
      </p>
    </div>
  );
}
