"use client";

import { useQuery } from "@tanstack/react-query";
import { roleLabel } from "@/lib/providers/role-label";
import { rolesOf, rolesQueryOptions } from "@/lib/queries/roles";
import { Label } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";

const ROLE_ID = "service-account-role";

/**
 * The organization role a new Arthur service account gets: Arthur's organization-bindable
 * roles (the ones its API lets an organization role binding name), none chosen at first.
 */
export function ServiceAccountRoleField({
  value,
  onChange,
  disabled,
}: {
  value: string;
  onChange: (roleId: string) => void;
  disabled?: boolean;
}) {
  const roles = useQuery(rolesQueryOptions());
  const entry = rolesOf(roles.data, "arthur");
  const choices = (entry?.roles ?? []).filter((role) => role.scope === "organization");
  const chosen = choices.find((role) => role.id === value);
  const problem = roles.isError ? roles.error.message : entry?.error?.message;
  return (
    <div className="space-y-1.5">
      <Label htmlFor={ROLE_ID}>Organization role</Label>
      <NativeSelect
        id={ROLE_ID}
        className="w-full [&_select]:w-full"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        required
        disabled={disabled || roles.isPending || Boolean(problem)}
        aria-describedby={`${ROLE_ID}-hint`}
      >
        <option value="" disabled>
          {roles.isPending ? "Loading Arthur's roles…" : "Choose a role…"}
        </option>
        {choices.map((role) => (
          <option key={role.id} value={role.id}>
            {roleLabel(role.name)}
          </option>
        ))}
      </NativeSelect>
      <p id={`${ROLE_ID}-hint`} className={problem ? "text-xs text-danger-text" : "text-xs text-muted-foreground"}>
        {problem
          ? `Could not read Arthur's roles: ${problem}`
          : (chosen?.description ?? "What the account may do in the organization. Arthur binds it right after creating the account.")}
      </p>
    </div>
  );
}
