"use client";

import type { ReactNode } from "react";
import type { ProviderId } from "@/lib/providers/types";
import type { ProviderRoles } from "@/lib/queries/roles";
import { ProviderDot } from "@/components/providers/provider-dot";
import { providerLabel } from "@/components/providers/provider-meta";
import { Checkbox } from "@/components/ui/checkbox";
import { NativeSelect } from "@/components/ui/native-select";
import { Skeleton } from "@/components/ui/skeleton";
import { roleLabel } from "@/lib/providers/role-label";

/** The chosen role per provider; a provider that is absent is not invited to. */
export type ProviderChoice = Partial<Record<ProviderId, string>>;

interface ProviderRolePickerProps {
  providers: ProviderRoles[] | undefined;
  loading: boolean;
  value: ProviderChoice;
  onChange: (next: ProviderChoice) => void;
  disabled?: boolean;
  /** More to choose under a provider's row while it is ticked (OpenAI's projects). */
  extra?: (entry: ProviderRoles) => ReactNode;
}

/** Organization roles only: invites are to the organization. */
export function organizationRoles(entry: ProviderRoles) {
  return entry.roles.filter((role) => role.scope === "organization");
}

const PLAIN_ROLE = /\b(member|reader|viewer|user)\b/i;

/** The least surprising role: a plain member-like one, else the first that is not an owner. */
export function defaultRole(entry: ProviderRoles): string | undefined {
  const roles = organizationRoles(entry);
  const plain = roles.filter((role) => !role.isOwner);
  return (plain.find((role) => PLAIN_ROLE.test(role.name.replace(/_/g, " "))) ?? plain[0] ?? roles[0])?.name;
}

/** One row per provider: a checkbox to invite there, and the role on it. */
export function ProviderRolePicker({ providers, loading, value, onChange, disabled, extra }: ProviderRolePickerProps) {
  if (loading)
    return (
      <div className="space-y-2" aria-busy>
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-9 w-full" />
        ))}
      </div>
    );
  return (
    <ul className="divide-y divide-border rounded-lg border border-border">
      {(providers ?? []).map((entry) => {
        const label = providerLabel(entry.id);
        const roles = organizationRoles(entry);
        const unavailable = Boolean(entry.error) || roles.length === 0;
        const checked = value[entry.id] !== undefined;
        const checkboxId = `invite-provider-${entry.id}`;
        return (
          <li key={entry.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2">
            <Checkbox
              id={checkboxId}
              checked={checked}
              disabled={disabled || unavailable}
              onCheckedChange={(next) => {
                const copy = { ...value };
                if (next === true) copy[entry.id] = defaultRole(entry);
                else delete copy[entry.id];
                onChange(copy);
              }}
            />
            <label htmlFor={checkboxId} className="flex min-w-28 flex-1 items-center gap-2 text-[13px] font-medium">
              <ProviderDot provider={entry.id} />
              {label}
            </label>
            {unavailable ? (
              <span className="text-xs text-danger-text">
                {entry.error ? `Roles could not be read: ${entry.error.message}` : "No organization roles"}
              </span>
            ) : (
              <NativeSelect
                aria-label={`Role on ${label}`}
                value={value[entry.id] ?? defaultRole(entry) ?? ""}
                disabled={disabled || !checked}
                onChange={(event) => onChange({ ...value, [entry.id]: event.target.value })}
              >
                {roles.map((role) => (
                  <option key={role.id} value={role.name}>
                    {roleLabel(role.name)}
                    {role.isOwner ? " (owner)" : ""}
                  </option>
                ))}
              </NativeSelect>
            )}
            {checked && !unavailable ? extra?.(entry) : null}
          </li>
        );
      })}
    </ul>
  );
}
