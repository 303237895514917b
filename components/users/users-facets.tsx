import { GRANT_VIAS, INACTIVE_DAYS_OPTIONS, type GrantVia } from "@/lib/directory/constants";
import type { ProviderState, UsersResponse } from "@/lib/directory/types";
import { PROVIDER_IDS, type ProviderId } from "@/lib/providers/types";
import type { FacetOption } from "@/components/data-table/data-table-faceted-filter";
import { ProviderDot } from "@/components/providers/provider-dot";
import { providerMeta } from "@/components/providers/provider-meta";
import { roleLabel } from "@/lib/providers/role-label";

export const STATUS_OPTIONS: FacetOption[] = [
  { value: "active", label: "Active" },
  { value: "invited", label: "Invited" },
];

export const KIND_OPTIONS: FacetOption[] = [
  { value: "person", label: "Person" },
  { value: "service_account", label: "Service account" },
];

/** Every provider, with its member count when the API reported one. */
export function providerOptions(providers: ProviderState[] | undefined): FacetOption[] {
  return PROVIDER_IDS.map((id) => ({
    value: id,
    label: providerMeta(id).label,
    count: providers?.find((state) => state.id === id)?.count,
    icon: <ProviderDot provider={id} />,
  }));
}

/** Roles from the API's facets, grouped by provider; selected roles stay listed even without a count. */
export function roleOptions(data: UsersResponse | undefined, selected: readonly string[] = []): FacetOption[] {
  const options: FacetOption[] = (data?.facets.roles ?? []).map(({ provider, role, count }) => ({
    value: role,
    label: roleLabel(role),
    count,
    group: provider,
  }));
  const known = new Set(options.map((option) => option.value));
  for (const role of selected) {
    if (!known.has(role)) options.push({ value: role, label: roleLabel(role), group: "other" });
  }
  return options.sort((a, b) => groupOrder(a.group) - groupOrder(b.group) || a.label.localeCompare(b.label));
}

function groupOrder(group: string | undefined): number {
  const index = (PROVIDER_IDS as readonly string[]).indexOf(group ?? "");
  return index === -1 ? PROVIDER_IDS.length : index;
}

export function RoleGroupLabel({ group }: { group: string }) {
  if (!(PROVIDER_IDS as readonly string[]).includes(group)) return <>Other</>;
  const id = group as ProviderId;
  return (
    <>
      <ProviderDot provider={id} className="size-1.5" />
      {providerMeta(id).label}
    </>
  );
}

/** "Inactive for 30+ days" and so on, with how many people each holds now; a chosen other number stays listed. */
export function inactiveOptions(data: UsersResponse | undefined, selected: number | undefined): FacetOption[] {
  const days = [...INACTIVE_DAYS_OPTIONS] as number[];
  if (selected !== undefined && !days.includes(selected)) days.push(selected);
  return days
    .sort((a, b) => a - b)
    .map((d) => ({
      value: String(d),
      label: `${d}+ days`,
      count: data?.facets.activity?.inactive.find((entry) => entry.days === d)?.count,
    }));
}

/** Projects (OpenAI) and workspaces from the API's facets, grouped by provider; a chosen one stays listed. */
export function workspaceOptions(data: UsersResponse | undefined, selected: readonly string[] = []): FacetOption[] {
  const options: FacetOption[] = (data?.facets.workspaces ?? []).map(({ provider, key, name, kind, count }) => ({
    value: key,
    label: `${name} (${kind})`,
    count,
    group: provider,
  }));
  const known = new Set(options.map((option) => option.value));
  for (const key of selected) if (!known.has(key)) options.push({ value: key, label: key, group: "other" });
  return options.sort((a, b) => groupOrder(a.group) - groupOrder(b.group) || a.label.localeCompare(b.label));
}

const VIA_LABELS: Record<GrantVia, string> = { group: "Through a group", team: "Through a team" };

/** "Has access through a group or team", with how many memberships hold such a grant. */
export function viaOptions(data: UsersResponse | undefined): FacetOption[] {
  return GRANT_VIAS.map((via) => ({
    value: via,
    label: VIA_LABELS[via],
    count: data?.facets.via?.find((entry) => entry.via === via)?.count,
  }));
}
