"use client";

import { createColumnHelper } from "@tanstack/react-table";
import type { AuditEvent } from "@/lib/audit/types";
import type { ServerTableFeatures } from "@/components/data-table/features";
import { ActionCell, DescriptionCell, OperatorCell, OutcomeBadge, ProviderResponseCell, RequestIdCell, TimeCell } from "./audit-cells";

const helper = createColumnHelper<ServerTableFeatures, AuditEvent>();

/** Audit log columns; the server orders events newest first, so none of them sorts. */
export const auditColumns = helper.columns([
  helper.display({
    id: "at",
    header: "Time",
    cell: ({ row }) => <TimeCell event={row.original} />,
    enableHiding: false,
    meta: { label: "Time" },
  }),
  // First after the time: on a phone the sentence is what shows before the table scrolls.
  helper.display({
    id: "description",
    header: "What happened",
    cell: ({ row }) => <DescriptionCell event={row.original} />,
    enableHiding: false,
    meta: { label: "What happened" },
  }),
  helper.display({
    id: "actor",
    header: "Operator",
    cell: ({ row }) => <OperatorCell event={row.original} />,
    meta: { label: "Operator" },
  }),
  helper.display({
    id: "action",
    header: "Action · provider",
    cell: ({ row }) => <ActionCell event={row.original} />,
    meta: { label: "Action and provider" },
  }),
  helper.display({
    id: "outcome",
    header: "Outcome",
    cell: ({ row }) => <OutcomeBadge outcome={row.original.outcome} />,
    enableHiding: false,
    meta: { label: "Outcome" },
  }),
  helper.display({
    id: "response",
    header: "Provider response",
    cell: ({ row }) => <ProviderResponseCell event={row.original} />,
    meta: { label: "Provider response" },
  }),
  helper.display({
    id: "requestId",
    header: "Request ID",
    cell: ({ row }) => <RequestIdCell event={row.original} />,
    meta: { label: "Request ID" },
  }),
]);
