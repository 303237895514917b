"use client";

import type { ProviderRoles } from "@/lib/queries/roles";
import { Checkbox } from "@/components/ui/checkbox";
import { NativeSelect } from "@/components/ui/native-select";
import { roleLabel } from "@/lib/providers/role-label";

/** Project id → the project role chosen there; a project that is absent is not joined. */
export type ProjectChoice = Record<string, string>;

interface InviteProjectsPickerProps {
  /** The provider's roles and workspaces as `GET /api/roles` lists them (OpenAI). */
  entry: ProviderRoles;
  value: ProjectChoice;
  onChange: (next: ProjectChoice) => void;
  disabled?: boolean;
}

/** The plainest project role (not an owner), which a newly ticked project starts with. */
function plainProjectRole(entry: ProviderRoles): string | undefined {
  const roles = entry.roles.filter((role) => role.scope === "workspace");
  return (roles.find((role) => !role.isOwner) ?? roles[0])?.name;
}

/**
 * The OpenAI projects an invitee joins on accepting, each with a project role. None ticked
 * means no project at all: the Default project too is joined only when ticked.
 */
export function InviteProjectsPicker({ entry, value, onChange, disabled }: InviteProjectsPickerProps) {
  const projects = entry.workspaces.filter((w) => w.kind === "project");
  const roles = entry.roles.filter((role) => role.scope === "workspace");
  if (projects.length === 0 || roles.length === 0) return null;
  const chosen = Object.keys(value).length;
  return (
    <fieldset className="w-full space-y-1 pb-1 pl-7">
      <legend className="text-xs text-muted-foreground">
        Projects they join on accepting ({chosen === 0 ? "none: not even the Default project" : `${chosen} chosen`})
      </legend>
      <ul className="space-y-1">
        {projects.map((project) => {
          const checkboxId = `invite-project-${project.id}`;
          const checked = value[project.id] !== undefined;
          return (
            <li key={project.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <Checkbox
                id={checkboxId}
                checked={checked}
                disabled={disabled}
                onCheckedChange={(next) => {
                  const copy = { ...value };
                  if (next === true) copy[project.id] = plainProjectRole(entry) ?? "";
                  else delete copy[project.id];
                  onChange(copy);
                }}
              />
              <label htmlFor={checkboxId} className="min-w-28 flex-1 truncate text-[13px]">
                {project.name}
              </label>
              <NativeSelect
                aria-label={`Project role in ${project.name}`}
                value={value[project.id] ?? plainProjectRole(entry) ?? ""}
                disabled={disabled || !checked}
                onChange={(event) => onChange({ ...value, [project.id]: event.target.value })}
              >
                {roles.map((role) => (
                  <option key={role.id} value={role.name}>
                    {roleLabel(role.name)}
                    {role.adminLevel ? " (admin)" : ""}
                  </option>
                ))}
              </NativeSelect>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
