"use client";

import { Download, X } from "lucide-react";
import { useId, type ReactNode } from "react";
import type { AuditEvent, AuditOutcome } from "@/lib/audit/types";
import { AUDIT_ACTION_OPTIONS, AUDIT_OUTCOME_OPTIONS, hasAuditFilters, type AuditFilters } from "@/lib/queries/audit-filters";
import { auditExportHref } from "@/lib/queries/audit";
import type { ProviderId } from "@/lib/providers/types";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { AUDIT_QUERY_LIMITS, type AuditAction } from "@/lib/audit/constants";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { DataTableViewOptions } from "@/components/data-table/data-table-view-options";
import type { ServerTable } from "@/components/data-table/features";
import { PROVIDER_OPTIONS } from "@/components/providers/provider-meta";

interface AuditToolbarProps {
  table: ServerTable<AuditEvent>;
  filters: AuditFilters;
  onChange: (patch: Partial<AuditFilters>) => void;
  onReset: () => void;
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={id} className="text-xs leading-4 text-muted-foreground">
        {label}
      </Label>
      <div className="flex h-8 items-center">{children}</div>
    </div>
  );
}

function Select<T extends string>({
  id,
  value,
  all,
  options,
  onChange,
}: {
  id: string;
  value: T | undefined;
  all: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T | undefined) => void;
}) {
  return (
    <NativeSelect id={id} value={value ?? ""} onChange={(event) => onChange((event.target.value || undefined) as T | undefined)}>
      <option value="">{all}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </NativeSelect>
  );
}

/** Filters (all in the URL), column visibility and the CSV export of what is filtered. */
export function AuditToolbar({ table, filters, onChange, onReset }: AuditToolbarProps) {
  const id = useId();
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div className="flex flex-wrap items-end gap-x-2.5 gap-y-2">
        <Field id={`${id}-actor`} label="Operator">
          <DataTableSearch
            id={`${id}-actor`}
            value={filters.actor}
            onChange={(actor) => onChange({ actor })}
            label="Operator"
            placeholder="Operator email…"
            maxLength={AUDIT_QUERY_LIMITS.actor}
            className="w-48"
          />
        </Field>
        <Field id={`${id}-provider`} label="Provider">
          <Select<ProviderId>
            id={`${id}-provider`}
            value={filters.provider}
            all="All providers"
            options={PROVIDER_OPTIONS}
            onChange={(provider) => onChange({ provider })}
          />
        </Field>
        <Field id={`${id}-action`} label="Action">
          <Select<AuditAction>
            id={`${id}-action`}
            value={filters.action}
            all="All actions"
            options={AUDIT_ACTION_OPTIONS}
            onChange={(action) => onChange({ action })}
          />
        </Field>
        <Field id={`${id}-outcome`} label="Outcome">
          <Select<AuditOutcome>
            id={`${id}-outcome`}
            value={filters.outcome}
            all="All outcomes"
            options={AUDIT_OUTCOME_OPTIONS}
            onChange={(outcome) => onChange({ outcome })}
          />
        </Field>
        <Field id={`${id}-from`} label="From">
          <Input
            id={`${id}-from`}
            type="date"
            value={filters.from ?? ""}
            max={filters.to}
            onChange={(event) => onChange({ from: event.target.value || undefined })}
            className="h-8 w-[8.5rem] px-2 text-[13px]"
          />
        </Field>
        <Field id={`${id}-to`} label="To">
          <Input
            id={`${id}-to`}
            type="date"
            value={filters.to ?? ""}
            min={filters.from}
            onChange={(event) => onChange({ to: event.target.value || undefined })}
            className="h-8 w-[8.5rem] px-2 text-[13px]"
          />
        </Field>
        {hasAuditFilters(filters) ? (
          <Button variant="ghost" onClick={onReset}>
            Reset
            <X aria-hidden />
          </Button>
        ) : null}
      </div>
      <div className="ml-auto flex items-center gap-2">
        <DataTableViewOptions table={table} />
        <Button asChild>
          <a href={auditExportHref(filters)} download>
            <Download aria-hidden />
            Download CSV
          </a>
        </Button>
      </div>
    </div>
  );
}
